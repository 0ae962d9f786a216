"""The council briefing's words in bokmål, keyed by code (see :mod:`samvalg.text.briefing`).

Numbers and labels are inserted with ``str.format``; ``**bold**`` is the only markup.
"""

from __future__ import annotations

__all__ = ["NB"]

NB: dict[str, str] = {
    "title": "Beslutningsgrunnlag: interkommunalt samarbeid",
    "subtitle": "Skaun, Melhus og Midtre Gauldal – «Bærekraftige og innovative kommuner 2030»",
    "banner": "ILLUSTRATIVT EKSEMPEL – IKKE EN VEDTATT VURDERING",
    "banner_text": (
        "Skårene og vektene i dette notatet er konstruert for å vise metoden. Ingen kommune, "
        "styringsgruppe eller arbeidsgruppe har gitt eller vedtatt dem, og notatet er ikke et "
        "beslutningsgrunnlag. Bytt ut eksempelfilen med arbeidsgruppenes egne skårer før "
        "notatet brukes."
    ),
    "cover": "Om notatet",
    "k_assessment": "Vurdering",
    "k_date": "Dato for vurderingen",
    "k_authors": "Utarbeidet av",
    "k_method": "Metode",
    "k_robust": "Robusthet",
    "k_robust_v": "SMAA-2 med {n} trekninger (frø {seed})",
    "k_input": "Inndatafil",
    "k_hash": "SHA-256 av inndata",
    "k_version": "samvalg-versjon",
    "k_not_file": "(vurdering gitt som Python-objekt)",
    "how_to_read": (
        "Notatet svarer på sakens to spørsmål for hvert tjenesteområde: **Skal vi "
        "samarbeide?** (strategiens 12 kriterier og de 5 gevinstkriteriene fra fase 1) og "
        "**I hvilken form?** (de 11 kriteriene for valg av organisasjonsmodell). Først kommer "
        "et sammendrag, så ett kapittel per tjenesteområde, og til slutt metode, "
        "usikre juridiske forutsetninger og kilder. Alle tall finnes også i filen data.json, "
        "slik at beregningen kan kontrolleres og gjentas."
    ),
    # summary
    "summary": "Sammendrag",
    "summary_intro": (
        "Tabellen viser, for hvert tjenesteområde, alternativet som samlet sett får høyest "
        "verdi blant de alternativene loven tillater, hvor sikkert det er, og om det er lovlig."
    ),
    "h_service": "Tjenesteområde",
    "h_recommend": "Anbefalt",
    "h_cooperate": "Samarbeide?",
    "h_first": "Øverst i",
    "h_conf": "Konfidens",
    "h_robust": "Vurdering",
    "h_legal": "Juridisk",
    "yes": "ja",
    "no": "nei",
    "coop_share": "{yes} ({share})",
    "summary_note": (
        "«Øverst i» er andelen av {n} trekninger der alternativet kom først når vektene "
        "varierer rundt de valgte vektene og hver skår varierer innenfor sitt oppgitte "
        "usikkerhetsintervall (SMAA-2). «Konfidens» er hvor ofte det vinner når vektene "
        "settes til de vektene som typisk gjør det best (sentralvektene). Under «Samarbeide?» "
        "står andelen av trekningene der et samarbeidsalternativ, ikke egen drift eller "
        "fagnettverk, kom først. Over 80 % kaller vi robust, 50–80 % ganske robust og under "
        "50 % usikkert."
    ),
    "robust_high": "robust",
    "robust_mid": "ganske robust",
    "robust_low": "usikkert",
    "status_ok": "lovlig",
    "status_conditional": "lovlig med vilkår",
    "status_infeasible": "ikke lovlig",
    "status_uncertain": " (usikkert rettsgrunnlag)",
    "none_feasible": "ingen lovlige alternativer",
    # hosts
    "hosts": "Vertskommuner og balanse",
    "hosts_intro": (
        "Kommunestyrene krever likeverd og en jevnbyrdig fordeling av ansvar. Tabellen "
        "teller hvor mange tjenesteområder hver kommune blir vertskommune for hvis "
        "anbefalingen følges område for område."
    ),
    "h_municipality": "Kommune",
    "h_hosted_rec": "Vertskap i anbefalingene",
    "h_hosted_bal": "Vertskap i balansert plan",
    "h_fte_bal": "Årsverk hos vert (balansert plan)",
    "alloc_text": (
        "Den balanserte planen velger ett alternativ per område slik at summen av verdiene "
        "blir størst mulig, men slik at ingen kommune er vert for mer enn {share} av "
        "årsverkene som flyttes til en vertskommune (heltallsoptimering). Den gir opp "
        "{given_up} i samlet verdi (summen av verdiene er {value} mot {free} uten "
        "krav). Største andel hos én kommune: {largest}."
    ),
    "alloc_skipped": (
        "Ikke med i den balanserte planen fordi saken ikke oppgir bemanning: {services}."
    ),
    "alloc_changes": "Den balanserte planen avviker fra anbefalingen for: {changes}.",
    "alloc_same": "Den balanserte planen er den samme som anbefalingene.",
    "alloc_failed": "Den balanserte planen kunne ikke beregnes: {error}",
    # economics
    "econ": "Økonomi og kostnadsdeling",
    "econ_intro": (
        "Dagens lønnskostnad for områdene saken oppgir bemanning for er {total} kr "
        "({fte} årsverk). Saken viser til AKST (Arendal og Grimstad), som sparte 21 % av "
        "heltidsstillingene, og til 10–30 % i andre samarbeid. Tabellen viser hva hver "
        "kommune betaler i dag og hva den ville betale ved full effekt av 21 % innsparing, "
        "med ulike fordelingsnøkler. Tallene bygger på sakens bemanningstabeller og gjelder "
        "uansett hvilken samarbeidsform som velges."
    ),
    "h_today": "I dag (kr)",
    "h_after_key": "Etter, {key} (kr)",
    "econ_pays_more": "⚠ betaler mer enn i dag med nøkkelen «{key}»: {munis}.",
    "econ_nobody_more": "Ingen kommune betaler mer enn i dag med noen av nøklene.",
    "scen_caption": "Innsparingsscenarier over {h} år (nåverdi med {rate} kalkulasjonsrente)",
    "h_scenario": "Scenario",
    "h_fte_saved": "Årsverk spart",
    "h_nok_saved": "Kr spart per år",
    "h_pv": "Nåverdi (kr)",
    "h_payback": "Lønner seg fra år",
    "never": "aldri",
    "scen_note": (
        "Full effekt nås gradvis ({phase}); engangskostnader til etablering er "
        "illustrative plassholdere på {est} kr. Nåverdien er summen av årlige netto "
        "gevinster, neddiskontert."
    ),
    # weights
    "weights": "Vekter: hva som teller mest, og hvor vektene kommer fra",
    "weights_intro": (
        "Kriteriene er ordnet i tre sett. Hvert sett har en settvekt, og hvert kriterium en "
        "vekt innen settet; den samlede vekten til et kriterium er produktet. De samme "
        "vektene brukes for alle tjenesteområdene."
    ),
    "h_set": "Kriteriesett",
    "h_set_weight": "Settvekt",
    "h_method": "Hvordan vektene ble satt",
    "h_input": "Grunnlag",
    "h_criterion": "Kriterium",
    "h_local": "Vekt i settet",
    "h_global": "Samlet vekt",
    "w_points": "poengfordeling",
    "w_rank": "rangering omregnet til vekter ({formula})",
    "w_swing": "SWING (viktigste sving = 100)",
    "w_ahp": "parvise sammenligninger (AHP, Saaty)",
    "w_equal": "like vekter",
    "w_direct": "direkte vekter",
    "w_objective": "objektive vekter ({measure}), beregnet per tjenesteområde",
    "cr_ok": "Konsistensforhold CR = {cr} (under 0,10: sammenligningene henger godt sammen).",
    "cr_bad": (
        "Konsistensforhold CR = {cr} (over 0,10: sammenligningene spriker; bør gås "
        "gjennom på nytt)."
    ),
    "weights_fig": (
        "Vektene innen hvert kriteriesett. Settvekten står i overskriften til hvert panel."
    ),
    "derived_note": (
        "Avledede kriterier (ikke skjønn): {items}. Skårene er regnet ut fra "
        "gevinstscenarioene per tjenesteområde og alternativ (nåverdi over {h} år, "
        "kalkulasjonsrente {rate}) med en dokumentert omregning til kriteriets skala; egen "
        "drift er nullpunktet. Omregningen er en konvensjon, ikke et funn; begrunnelsen i "
        "hver celle viser tallene."
    ),
    "derived_efficiency": "samlet netto gevinst i forhold til dagens kostnad",
    "derived_sharing": "den dårligst stilte kommunens netto gevinst i forhold til egen kostnad",
    # service section
    "rec_title": "Anbefaling: {option}",
    "rec_text": (
        "Samlet verdi {value} på en skala fra 0 til 1 (1 = beste skår på alle kriterier). "
        "Juridisk: {legal}. Robusthet: øverst i {share} av trekningene ({robust})."
    ),
    "rec_none": "Ingen alternativer er både lovlige og vurdert på alle kriterier.",
    "q1": "Spørsmål 1: Skal vi samarbeide?",
    "q1_text": "Alle alternativer vurdert mot strategiens og gevinstenes kriterier.",
    "wsm_note": "Verdien er et vektet snitt på skalaen 0–1.",
    "other_note": "Verdien er {method}s mål ({direction}).",
    "higher_better": "høyere er bedre",
    "lower_better": "lavere er bedre",
    "rec_text_other": (
        "Verdi etter {method}: {value} ({direction}). Juridisk: {legal}. Robusthet: øverst "
        "i {share} av trekningene ({robust})."
    ),
    "q1_robust": (
        "Et samarbeidsalternativ kom øverst i {share} av trekningene; egen drift eller "
        "fagnettverk i {rest}."
    ),
    "q2": "Spørsmål 2: I hvilken form?",
    "q2_text": (
        "De formelle samarbeidsformene vurdert mot alle tre kriteriesettene (strategi, "
        "gevinster og modellkriterier), vektet som beskrevet under «Vekter»."
    ),
    "h_rank": "Plass",
    "h_option": "Alternativ",
    "h_value": "Verdi (0–1)",
    "h_lower_better": "Verdi (lavere er bedre)",
    "not_ranked": "Ikke rangert her: {options} (kriteriene gjelder ikke for egen drift og "
    "fagnettverk).",
    "legal": "Hva loven tillater",
    "legal_text": (
        "Alternativer loven utelukker, vises, men rangeres aldri først. «Med vilkår» betyr "
        "at formen kan brukes, men at noen avgjørelser må bli liggende i hver kommune."
    ),
    "h_status": "Status",
    "h_reasons": "Begrunnelse og lovhenvisning",
    "h_conditions": "Vilkår",
    "uncertain_mark": "usikker",
    "contrib": "Hva verdien består av",
    "contrib_fig": (
        "Hvert alternativs samlede verdi, delt opp etter kriteriesett. Jo lengre stolpe, "
        "jo bedre. Blekt = juridisk utelukket."
    ),
    "contrib_table": "Kriteriene som skiller {a} fra {b}",
    "contrib_text": (
        "Tabellen viser bidraget (vekt × skår på skalaen 0–1) fra kriteriene der de to "
        "beste alternativene skiller seg mest. Positiv forskjell trekker i favør av "
        "anbefalingen. Samlet forsprang: {gap}."
    ),
    "h_diff": "Forskjell",
    "contrib_missing": (
        "Metoden {method} er ikke additiv, så verdien kan ikke deles opp per kriterium."
    ),
    "robust": "Hvor sikkert er svaret? (SMAA-2)",
    "robust_text": (
        "Vektene ble trukket {n} ganger rundt de valgte vektene (Dirichlet, konsentrasjon "
        "{kappa}), og hver skår innenfor sitt usikkerhetsintervall (trekantfordeling). "
        "Tabellen viser hvor ofte hvert alternativ kom først, og konfidensfaktoren."
    ),
    "robust_fig": (
        "Hvor ofte hvert alternativ havnet på hver plass i de {n} trekningene (rang 1 "
        "mørkest, med eget skraveringsmønster per rang). pᶜ = konfidensfaktoren: hvor ofte "
        "alternativet kommer først med sine sentrale vekter."
    ),
    "robust_fig_alt": "Rangakseptabilitet",
    "h_b1": "Øverst i",
    "h_cf": "Konfidens",
    "sens": "Hva skal til for å endre svaret?",
    "sens_text": (
        "Hver vekt er endret for seg (de andre justert forholdsmessig), og hver skår for "
        "seg. Listen viser de minste endringene som gir et annet alternativ på topp."
    ),
    "sens_fig": (
        "{which} Stolpen mot venstre viser hvor mye vekten kan senkes, stolpen mot høyre "
        "hvor mye den kan økes (prosentpoeng), før alternativet som står ved stolpen kommer "
        "øverst. Skravert grått = ingen endring i hele området. Alle tersklene står i "
        "data.json."
    ),
    "sens_fig_some": "De {rows} av {total} vektene som er nærmest et rangskifte.",
    "sens_fig_all": "Alle vektene, den som er nærmest et rangskifte øverst.",
    "sens_fig_alt": "Terskler for rangskifte",
    "sens_set_none": (
        "Ingen endring av én settvekt alene (strategi, gevinster eller modell) endrer anbefalingen."
    ),
    "sens_set": ("Settvekten for «{name}» (i dag {current}): {change} gir {new}."),
    "sens_up": "økt til over {w}",
    "sens_down": "senket til under {w}",
    "sens_crit_none": "Ingen endring av én kriterievekt alene endrer anbefalingen.",
    "sens_crit": "Vekten på «{name}» (i dag {current}): {change} gir {new}.",
    "sens_score_none": (
        "Ingen enkeltskår kan endres innenfor skalaen slik at anbefalingen endres."
    ),
    "sens_score": (
        "Skåren for {option} på «{name}» (i dag {score}): {direction} med {change} "
        "gir {new} på topp."
    ),
    "sens_score_up": "økt",
    "sens_score_down": "senket",
    "sens_score_new_challenger": "{option}",
    "sens_score_new_other": "et annet alternativ",
    "sens_weights_h": "Vekter",
    "sens_scores_h": "Skårer",
    "staff": "Bemanning og kostnad i dag",
    "staff_text": (
        "Saken oppgir bemanning for gruppen «{group}» ({services}) samlet: "
        "{fte} årsverk og {nok} kr i lønnskostnad (budsjett 2025)."
    ),
    "staff_missing": (
        "Saken oppgir ikke bemanning eller kostnad for dette området; økonomien må utredes."
    ),
    "h_fte": "Årsverk",
    "h_nok": "Kr",
    # method, legal, references
    "methods": "Metode",
    "uncertain": "Juridiske forutsetninger som er usikre",
    "uncertain_text": (
        "Disse forholdene er ikke kontrollert mot gjeldende lovtekst, eller rettstilstanden "
        "er uavklart. De ligger som data i katalogen (criteria/) og kan rettes der."
    ),
    "authority": "offentlig myndighetsutøvelse",
    "authority_no": "nei",
    "authority_partly": "delvis",
    "authority_yes": "ja",
    "fact_legal_entity": "eget rettssubjekt",
    "fact_enkeltvedtak": "kan treffe enkeltvedtak",
    "fact_principle_matters": "saker av prinsipiell betydning",
    "fact_governing_body": "styringsorgan",
    "fact_employer": "arbeidsgiver",
    "fact_exit": "uttreden",
    "fact_liability": "ansvar",
    "fact_value_yes": "ja",
    "fact_value_no": "nei",
    "fact_value_optional": "valgfritt",
    "fact_value_limited": "begrenset",
    "uncertain_none": "Ingen av forutsetningene bak dette notatet er merket usikre.",
    "refs": "Kilder",
    "set_strategy": "Strategi",
    "set_gains": "Gevinster",
    "set_model": "Modell",
    "hosts_fig": (
        "Hvilken kommune er vert for hvilket tjenesteområde i den balanserte planen. Hule "
        "ringer viser den beste planen uten balansekrav der den er annerledes."
    ),
    "econ_fig": (
        "Hva hver kommune betaler per år ved full effekt av 21 % innsparing, med hver "
        "fordelingsnøkkel (millioner kroner)."
    ),
    "agr": "Er interessentene enige?",
    "agr_none": (
        "Vurderingen har ingen interessenter med egne vekter, så enighet er ikke beregnet."
    ),
    "agr_error": "Enighet mellom interessentene kunne ikke beregnes: {error}",
    "agr_summary": (
        "Interessentene ({who}) har hver sine vekter. Alle får samme toppalternativ i {k} "
        "av {total} områder ({same}); de er uenige om: {differ}."
    ),
    "agr_group_differs": (
        "{service}: gruppens samlede vekter og skårer gir {group} øverst, mens "
        "anbefalingen (de felles vektene) er {rec}."
    ),
    "h_stakeholder": "Interessent",
    "h_voting": "Stemmevekt",
    "h_their_top": "Deres beste alternativ",
    "h_rec_rank": "Anbefalingens plass hos dem",
    "agr_voting": "{scheme}.",
    "agr_w": (
        "Kendalls W = {w}: hvor like interessentenes rangeringer er (1 = helt like, 0 = "
        "ingen sammenheng)."
    ),
    "agr_most_different": "Kriteriene der interessentenes vekter spriker mest:",
    "agr_diff": "{name}: fra {lo} til {hi} samlet vekt",
    "yes_coop": "ja",
    "no_coop": "nei",
    # live what-if in index.html (words the page's script shows; see report/assets/whatif.js)
    "whatif_title": "Hva om vektene endres? (interaktivt)",
    "whatif_intro": (
        "Flytt en vekt, så regnes verdiene og rangeringen om her i siden med alle fem metodene. "
        "Når én vekt flyttes, skaleres de andre i samme forhold, som i følsomhetsanalysen. "
        "Merkene under en glidebryter viser vektene der det øverste alternativet skifter, "
        "regnet fra utgangsvektene med den valgte metoden; uten merker endrer ingen vekt "
        "mellom 0 og 100 % toppen. Juridisk utelukkede alternativer kommer aldri først."
    ),
    "whatif_method": "Metode for rekkefølge og merker",
    "whatif_reset": "Tilbakestill vektene",
    "whatif_sets": "Settvekter",
    "whatif_criteria": "Kriterievekter: {set}",
    "whatif_rank": "Plass",
    "whatif_option": "Alternativ",
    "whatif_lower_better": "lavere er bedre",
    "whatif_top": "Øverst med {method}: {option}",
    "whatif_infeasible": "juridisk utelukket",
    "whatif_weight_of": "Vekt for {name}",
    "whatif_marks": "Toppen skifter:",
    "whatif_below": "under {w} → {option}",
    "whatif_above": "over {w} → {option}",
    "whatif_stale": "(merkene gjelder utgangsvektene)",
    # end matter
    "methods_used": "Beregningene i dette notatet bruker metoden {method}.",
    "sources": "Kilder",
}
