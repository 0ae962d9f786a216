"""The council briefing's words in bokmål, keyed by code (see :mod:`samvalg.text.briefing`).

Numbers and labels are inserted with ``str.format``; ``**bold**`` is the only markup.
"""

from __future__ import annotations

__all__ = ["NB"]

NB: dict[str, str] = {
    "title": "Beslutningsgrunnlag: interkommunalt samarbeid",
    "subtitle": "{region} – «{case}»",
    "subtitle_region": "{region}",
    "subtitle_case": "«{case}»",
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
    "k_robust_v": "SMAA-2 med {n} trekninger (startverdi {seed})",
    "date": "{day}. {month} {year}",
    "months": (
        "januar februar mars april mai juni juli august september oktober november desember"
    ),
    "k_input": "Inndatafil",
    "k_hash": "SHA-256 av inndata",
    "k_version": "samvalg-versjon",
    "k_not_file": "(vurdering gitt som Python-objekt)",
    "how_to_read": (
        "Notatet svarer på sakens to spørsmål for hvert tjenesteområde: **Skal vi "
        "samarbeide?** ({n_strategy} kriterier fra «{strategy}» og {n_gains} fra "
        "«{gains}») og **I hvilken form?** ({n_model} kriterier fra «{model}», vurdert for "
        "de formelle samarbeidsformene loven tillater). En samlet vurdering med alle "
        "kriteriesettene vises som en tredje tabell, til sammenligning. Først kommer et "
        "sammendrag, så ett kapittel per tjenesteområde, og til slutt metode, usikre "
        "juridiske forutsetninger og kilder. Alle tall finnes også i filen data.json, slik at "
        "beregningen kan kontrolleres og gjentas."
    ),
    # the one-page summary for the councillors (plain words, no method names)
    "brief": "Kort fortalt",
    "brief_not_final": (
        "Notatet tar ikke det endelige valget av samarbeidsform. Det viser hva vurderingene "
        "peker på at neste fase bør se nærmest på først, hvor svaret står seg, og hvor det "
        "avhenger av en vurdering."
    ),
    "brief_deferred": "{text} ({source})",
    "brief_decisions": "Kommunestyrene blir bedt om:",
    "brief_decision": "{text} – resultat {due} ({source})",
    "brief_decision_nodue": "{text} ({source})",
    "brief_points": "Hva vurderingene peker på, område for område:",
    "brief_robust": (
        "**Står seg godt** (samme svar nesten uansett hvordan vekter og skårer varieres): "
        "{services}."
    ),
    "brief_hinge": "**Avhenger av en vurdering:**",
    "brief_hinge_service": "{service}: {option} eller {runner}",
    "brief_bundle": "{bundle} (pakke som avgjøres samlet: {members})",
    "brief_hinge_crit": "{item} – avhenger særlig av hvor mye «{criterion}» skal telle",
    "brief_hinge_nocrit": "{item}",
    "brief_no_coop": "**Peker mot å fortsette som i dag:** {services}.",
    "brief_balance": (
        "Følger man svarene (pakkene samlet), blir {muni} vertskommune for {k} av {n} "
        "områder. Se «Vertskommuner og balanse» for en plan som fordeler vertskapet jevnere."
    ),
    "brief_economy": (
        "Økonomi: saken sier at hva samarbeid vil gi i årsverk eller kroner ikke kan sies "
        "ennå. Den viser til {examples}; det er tall fra andre kommuner, ikke en prognose."
    ),
    "brief_example": "{name}, som fikk {share} færre heltidsstillinger",
    "brief_more": (
        "Resten av notatet forklarer hvordan svarene er kommet fram, og metodekapitlet "
        "beskriver beregningene."
    ),
    # summary
    "summary": "Sammendrag",
    "summary_intro": (
        "Dette er ikke endelige valg, men hva fase 2 bør utrede først. "
        "Tabellen viser, for hvert tjenesteområde, svaret på spørsmål 2 (den lovlige "
        "samarbeidsformen som får høyest verdi på modellkriteriene), eller egen drift eller "
        "fagnettverk der spørsmål 1 setter dem først; hvor sikkert svaret er, og om det er "
        "lovlig."
    ),
    "h_service": "Tjenesteområde",
    "h_recommend": "Peker på",
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
        "Tabellen teller hvor mange tjenesteområder hver kommune blir vertskommune for hvis "
        "anbefalingen følges område for område."
    ),
    "hosts_intro_bundles": (
        "Tabellen teller hvor mange tjenesteområder hver kommune blir vertskommune for hvis "
        "anbefalingene følges: for en tjeneste i en pakke gjelder pakkens anbefaling, ellers "
        "tjenestens egen."
    ),
    "hosts_principles": "Saken ber om {principles} ({source}).",
    "h_municipality": "Kommune",
    "h_hosted_rec": "Vertskap i anbefalingene",
    "h_hosted_bal": "Vertskap i balansert plan",
    "h_fte_bal": "Årsverk hos vert (balansert plan)",
    "alloc_text": (
        "Den balanserte planen velger ett alternativ for hvert av de {n} områdene slik at "
        "summen av verdiene blir størst mulig, men slik at ingen kommune er vert for mer enn "
        "{bound}. {measure} Den koster {given_up} i samlet verdi (summen av verdiene er "
        "{value} mot {free} uten krav). Flest områder hos én kommune i planen: {muni}, med "
        "{k} av {n}."
    ),
    "alloc_bound_fte": "{share} av årsverkene som flyttes til en vertskommune",
    "alloc_bound_areas": "{k} av {n} områder",
    "alloc_measure_fte": "Balansen måles i årsverk.",
    "alloc_measure_areas": (
        "Fordi saken ikke oppgir bemanning for alle områdene, måles balansen i antall "
        "områder, ikke i årsverk."
    ),
    "alloc_office": (
        "Et kommunalt oppgavefellesskap regnes som vertskap for kontorkommunen, som planen "
        "også velger: er fellesskapet ikke eget rettssubjekt, føres regnskapet hos "
        "kontorkommunen, og den blir trolig arbeidsgiver (loven er taus; en slutning, "
        "usikker: koml. § 14-8, § 19-4 (4) b)."
    ),
    "alloc_office_off": (
        "Et kommunalt oppgavefellesskap regnes her ikke som vertskap for noen kommune "
        "(valgt ved kjøringen: --no-office-hosts); bare vertskommuner teller i balansen."
    ),
    "alloc_rec_office": (
        "I anbefalingene er kontorkommunen for oppgavefellesskap ikke valgt; de telles ikke "
        "i kolonnen «Vertskap i anbefalingene» ({services})."
    ),
    "h_size_bal_areas": "Områder hos vert (balansert plan)",
    "office_mark": "kontorkommune",
    "alloc_offices": "Kontorkommune for oppgavefellesskapene i planen: {offices}.",
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
        "({fte} årsverk{year}). Tabellen viser hva hver kommune bruker i dag."
    ),
    "budget_year": ", budsjett {year}",
    "source_line": "Kilde: {source}.",
    "source_same": "Kilde: som i avsnittet over.",
    "calc_line": "Beregnet av samvalg fra tallene over ({how}).",
    "calc_keys": "dagens kostnad minus innsparingen, fordelt med hver nøkkel",
    "econ_other_staff": (
        "{muni} oppgir i tillegg «{name}»: {fte} årsverk og {nok} kr. De står utenfor "
        "bemanningstabellen og er ikke med over; regnes de med, blir grunnlaget for {muni} "
        "{fte_total} årsverk og {nok_total} kr (kilde: {source})."
    ),
    "econ_printed": (
        "Tabellen «{group}» oppgir TOTALT {printed} kr, men radene summerer til {rows} kr "
        "(avvik {diff} kr). Notatet bruker summen av radene (kilde: {source})."
    ),
    "econ_items_none": (
        "Saken oppgir ikke andre kostnader i dag (drift, lokaler, systemer, styring); de kan "
        "legges inn som cost_items i katalogen."
    ),
    "econ_items": "Andre kostnader i dag, slik de er lagt inn i katalogen (kr per år)",
    "h_item": "Kostnad",
    "econ_control_principle": "Prinsipp i saken: {text} (kilde: {source})",
    "econ_control_ok": (
        "Kontroll: med faste priser og uendret nivå i resten av driften ligger samarbeidets "
        "årlige kostnad i alle scenariene på eller under dagens {base} kr i hvert år."
    ),
    "econ_control_over": (
        "Kontroll: med faste priser og uendret nivå i resten av driften er samarbeidets "
        "årlige kostnad høyere enn dagens {base} kr i {cases}. Det skyldes "
        "engangskostnadene til etablering (her illustrative plassholdere); prinsippet krever "
        "at de dekkes eller spres."
    ),
    "econ_control_case": "år {years} i scenariet «{scenario}»",
    "econ_by_form": (
        "Vurderingen oppgir ulik innsparing per samarbeidsform: {items} (kilde: "
        "vurderingsfilens [economics].options)."
    ),
    "econ_no_evidence": (
        "Saken oppgir ingen kilde for innsparing, så notatet viser ingen innsparingsscenarier."
    ),
    "savings": "Innsparing: eksemplene saken viser til",
    "savings_example": (
        "Saken viser til {name}, som sparte {share} av heltidsstillingene ({covers}; kilde: "
        "{source})."
    ),
    "savings_range": (
        "For andre samarbeid om tilsvarende oppgaver oppgis {low}–{high} (kilde: {source})."
    ),
    "savings_not_forecast": (
        "Dette er eksempler utenfra, ikke en prognose for disse kommunene. Scenariene under "
        "viser hva slike andeler ville bety her."
    ),
    "savings_uncovered": (
        "Ingen av eksemplene gjaldt {services}; der regner notatet ingen innsparing i noe "
        "scenario (kilde: hva eksemplene over omfattet)."
    ),
    "econ_table_caption": (
        "Hva hver kommune ville betale per år ved full effekt av {share} innsparing som i "
        "{name}, med ulike fordelingsnøkler"
    ),
    "scen_low": "Nedre ende ({share})",
    "scen_high": "Øvre ende ({share})",
    "scen_example": "Som {name} ({share})",
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
    "rec_title": "Vurderingene peker på: {option}",
    "rec_text": (
        "Samlet verdi {value} på en skala fra 0 til 1 (1 = beste skår på alle kriterier). "
        "Juridisk: {legal}. Robusthet: øverst i {share} av trekningene ({robust})."
    ),
    "rec_none": "Ingen alternativer er både lovlige og vurdert på alle kriterier.",
    "q1": "Spørsmål 1: Skal vi samarbeide?",
    "q1_text": (
        "Alle alternativer, også egen drift og fagnettverk, vurdert mot {n} kriterier: {sets}."
    ),
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
        "De formelle samarbeidsformene vurdert mot {n} kriterier: {sets}. Det beste lovlige "
        "alternativet her er svaret på spørsmål 2."
    ),
    "q3": "Til sammenligning: samlet vurdering (alle kriteriesett)",
    "q3_text": (
        "Alle {n} kriteriene ({sets}) vektet sammen med settvektene under «Vekter». Tabellen "
        "er en kontroll, ikke svaret på spørsmål 2."
    ),
    "q3_same": "Den samlede vurderingen gir samme alternativ øverst som spørsmål 2.",
    "q3_differs": (
        "Den samlede vurderingen setter {other} øverst, mens spørsmål 2 gir {rec}: svaret "
        "avhenger av om strategi- og gevinstkriteriene også skal telle ved valg av form."
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
    "sens_score_steps": (
        "Skåren for {option} på «{name}» (i dag {score}): endret {steps} på skalaen, fra "
        "{old} til {new_label}, gir {new} på topp."
    ),
    "sens_score_steps_outside": (
        "Skåren for {option} på «{name}» (i dag {score}): selv ytterst på skalaen ({edge}) "
        "kommer ikke et annet alternativ på topp."
    ),
    "dfo": "Pluss-minus (DFØ), uten summering",
    "dfo_text": (
        "På DFØs pluss-minus-skala (−4 til +4 mot egen drift) rommer hver skår både hvor "
        "viktig og hvor stor virkningen er. DFØs oppstilling viser dem side om side og "
        "summerer dem ikke; de prissatte virkningene (nåverdi per kommune) står under "
        "«Innsparing». Notatets svar på spørsmål 1 og 2 bygger på den vektede modellen; "
        "denne tabellen står ved siden av som en kontroll."
    ),
    "pv_caption": (
        "Prissatte virkninger: nåverdi per kommune over {h} år, per scenario, nøkkel «{key}» (kr)"
    ),
    "step_one": "ett trinn",
    "step_many": "{k} trinn",
    "sens_score_up": "økt",
    "sens_score_down": "senket",
    "sens_score_new_challenger": "{option}",
    "sens_score_new_other": "et annet alternativ",
    "sens_weights_h": "Vekter",
    "sens_scores_h": "Skårer",
    "staff": "Bemanning og kostnad i dag",
    "staff_text": (
        "Saken oppgir bemanning for gruppen «{group}» ({services}) samlet: "
        "{fte} årsverk og {nok} kr i lønnskostnad{year}."
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
    "fact_governing_body": "hvem bestemmer (styringsorgan)",
    "fact_employer": "arbeidsgiver",
    "fact_exit": "uttreden",
    "fact_liability": "ansvar",
    "fact_control": "kontroll",
    "fact_procurement": "anskaffelsesregler",
    "forms_facts": "Samarbeidsformene: fakta",
    "forms_facts_text": (
        "Fakta om de formelle samarbeidsformene som vurderes, fra katalogen (criteria/forms.toml) "
        "med lovhenvisning. «[usikker]» betyr at forholdet ikke er kontrollert mot gjeldende "
        "lovtekst, eller at loven er taus og svaret er en slutning."
    ),
    "h_fact": "Forhold",
    "fact_missing": "– (ikke i katalogen)",
    "procurement_caveat": (
        "Anskaffelsesregler: {forms} er eller kan være eget rettssubjekt. Kjøper kommunene "
        "tjenester fra et slikt samarbeid, må det vurderes om kjøpet er en kontrakt etter "
        "anskaffelsesregelverket ({section}); se «Samarbeidsformene: fakta»."
    ),
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
        "Hva hver kommune ville betale per år ved full effekt av {share} innsparing som i "
        "{name}, med hver fordelingsnøkkel (millioner kroner)."
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
    "whatif_bundle_intro": (
        "For pakken brukes de samme vektene for hver tjeneste i den. Hver tjeneste regnes for "
        "seg med metoden, og verdiene slås sammen etter pakkens regel (se over). Et alternativ "
        "er lovlig for pakken bare når det er lovlig for hver tjeneste."
    ),
    # end matter
    "methods_used": "Beregningene i dette notatet bruker metoden {method}.",
    "sources": "Kilder",
}
