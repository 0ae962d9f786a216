"""The briefing's words, in bokmål and English. Numbers are inserted with ``str.format``."""

from __future__ import annotations

from typing import Any

__all__ = ["T", "t"]

T: dict[str, dict[str, str]] = {
    "nb": {
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
            "Ingen endring av én settvekt alene (strategi, gevinster eller modell) endrer "
            "anbefalingen."
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
    },
    "en": {
        "title": "Decision briefing: inter-municipal cooperation",
        "subtitle": "Skaun, Melhus and Midtre Gauldal – “Sustainable and innovative "
        "municipalities 2030”",
        "banner": "ILLUSTRATIVE EXAMPLE – NOT AN ADOPTED ASSESSMENT",
        "banner_text": (
            "The scores and weights in this briefing were constructed to demonstrate the method. "
            "No municipality, steering group or working group has given or adopted them, and the "
            "briefing is not a basis for decisions. Replace the example file with the working "
            "groups' own scores before using it."
        ),
        "cover": "About this briefing",
        "k_assessment": "Assessment",
        "k_date": "Date of the assessment",
        "k_authors": "Prepared by",
        "k_method": "Method",
        "k_robust": "Robustness",
        "k_robust_v": "SMAA-2 with {n} draws (seed {seed})",
        "k_input": "Input file",
        "k_hash": "SHA-256 of the input",
        "k_version": "samvalg version",
        "k_not_file": "(assessment given as a Python object)",
        "how_to_read": (
            "The briefing answers the case's two questions for each service area: **Should we "
            "cooperate?** (the strategy's 12 criteria and the 5 phase-1 gain criteria) and **In "
            "which form?** (the 11 criteria for choosing an organisational model). A summary "
            "comes first, then one chapter per service area, and finally the method, uncertain "
            "legal assumptions and sources. Every number is also in data.json, so the "
            "computation can be checked and repeated."
        ),
        "summary": "Summary",
        "summary_intro": (
            "For each service area: the option with the highest overall value among those the "
            "law allows, how certain that is, and whether it is lawful."
        ),
        "h_service": "Service area",
        "h_recommend": "Recommended",
        "h_cooperate": "Cooperate?",
        "h_first": "First in",
        "h_conf": "Confidence",
        "h_robust": "Verdict",
        "h_legal": "Legal",
        "yes": "yes",
        "no": "no",
        "coop_share": "{yes} ({share})",
        "summary_note": (
            "“First in” is the share of {n} draws in which the option came first when the "
            "weights vary around the chosen weights and each score varies within its stated "
            "uncertainty interval (SMAA-2). “Confidence” is how often it wins when the weights "
            "are set to the weights that typically make it best (its central weights). Under "
            "“Cooperate?” is the share of draws in which a cooperation option, not own operation "
            "or a professional network, came first. Above 80% we call robust, 50–80% fairly "
            "robust, below 50% uncertain."
        ),
        "robust_high": "robust",
        "robust_mid": "fairly robust",
        "robust_low": "uncertain",
        "status_ok": "lawful",
        "status_conditional": "lawful with conditions",
        "status_infeasible": "not lawful",
        "status_uncertain": " (uncertain legal basis)",
        "none_feasible": "no lawful option",
        "hosts": "Host municipalities and balance",
        "hosts_intro": (
            "The councils demand equality and an even distribution of responsibility. The table "
            "counts how many service areas each municipality would host if the recommendation "
            "were followed area by area."
        ),
        "h_municipality": "Municipality",
        "h_hosted_rec": "Hosting in the recommendations",
        "h_hosted_bal": "Hosting in the balanced plan",
        "h_fte_bal": "FTE at the host (balanced plan)",
        "alloc_text": (
            "The balanced plan chooses one option per area so that the sum of the values is as "
            "large as possible, but no municipality hosts more than {share} of the FTE that move "
            "to a host (integer optimisation). It gives up {given_up} in total value (the sum "
            "of the values is {value} against {free} without the bound). Largest share at one "
            "municipality: {largest}."
        ),
        "alloc_skipped": (
            "Not in the balanced plan because the case gives no staffing: {services}."
        ),
        "alloc_changes": "The balanced plan differs from the recommendation for: {changes}.",
        "alloc_same": "The balanced plan equals the recommendations.",
        "alloc_failed": "The balanced plan could not be computed: {error}",
        "econ": "Economics and cost sharing",
        "econ_intro": (
            "Today's wage cost of the areas the case gives staffing for is NOK {total} ({fte} "
            "FTE). The case cites AKST (Arendal and Grimstad), which saved 21% of full-time "
            "positions, and 10–30% in other cooperations. The table shows what each "
            "municipality pays today and would pay at the full effect of a 21% saving, under "
            "different cost-sharing keys. The figures rest on the case's staffing tables and "
            "hold whichever form is chosen."
        ),
        "h_today": "Today (NOK)",
        "h_after_key": "After, {key} (NOK)",
        "econ_pays_more": "⚠ pays more than today under the key “{key}”: {munis}.",
        "econ_nobody_more": "No municipality pays more than today under any of the keys.",
        "scen_caption": "Savings scenarios over {h} years (present value at a {rate} discount "
        "rate)",
        "h_scenario": "Scenario",
        "h_fte_saved": "FTE saved",
        "h_nok_saved": "NOK saved per year",
        "h_pv": "Present value (NOK)",
        "h_payback": "Pays off from year",
        "never": "never",
        "scen_note": (
            "The full effect is reached gradually ({phase}); one-off establishment costs are "
            "illustrative placeholders of NOK {est}. The present value is the sum of the yearly "
            "net gains, discounted."
        ),
        "weights": "Weights: what counts most, and where the weights come from",
        "weights_intro": (
            "The criteria form three sets. Each set has a set weight and each criterion a "
            "weight within its set; a criterion's overall weight is the product. The same "
            "weights are used for every service area."
        ),
        "h_set": "Criteria set",
        "h_set_weight": "Set weight",
        "h_method": "How the weights were set",
        "h_input": "Basis",
        "h_criterion": "Criterion",
        "h_local": "Weight in set",
        "h_global": "Overall weight",
        "w_points": "points allocation",
        "w_rank": "ranking converted to weights ({formula})",
        "w_swing": "SWING (most important swing = 100)",
        "w_ahp": "pairwise comparisons (AHP, Saaty)",
        "w_equal": "equal weights",
        "w_direct": "direct weights",
        "w_objective": "objective weights ({measure}), computed per service area",
        "cr_ok": "Consistency ratio CR = {cr} (below 0.10: the comparisons are consistent).",
        "cr_bad": (
            "Consistency ratio CR = {cr} (above 0.10: the comparisons disagree; review them)."
        ),
        "weights_fig": "The weights within each criteria set; the set weight is in each title.",
        "derived_note": (
            "Derived criteria (not judged): {items}. Their scores are computed from the savings "
            "scenarios per service area and option (present value over {h} years, discount "
            "rate {rate}) with a documented mapping onto the criterion's scale; today's "
            "arrangement is the zero point. The mapping is a convention, not a finding; each "
            "cell's rationale shows the numbers."
        ),
        "derived_efficiency": "joint net gain relative to today's cost",
        "derived_sharing": "the worst-off municipality's net gain relative to its own cost",
        "rec_title": "Recommendation: {option}",
        "rec_text": (
            "Overall value {value} on a scale from 0 to 1 (1 = best score on every criterion). "
            "Legal: {legal}. Robustness: first in {share} of the draws ({robust})."
        ),
        "rec_none": "No option is both lawful and assessed on every criterion.",
        "q1": "Question 1: Should we cooperate?",
        "q1_text": "Every option judged on the strategy's and the gains' criteria.",
        "wsm_note": "The value is a weighted average on the scale 0–1.",
        "other_note": "The value is the {method} measure ({direction}).",
        "higher_better": "higher is better",
        "lower_better": "lower is better",
        "rec_text_other": (
            "Value by {method}: {value} ({direction}). Legal: {legal}. Robustness: first in "
            "{share} of the draws ({robust})."
        ),
        "q1_robust": (
            "A cooperation option came first in {share} of the draws; own operation or a "
            "professional network in {rest}."
        ),
        "q2": "Question 2: In which form?",
        "q2_text": (
            "The formal cooperation forms judged on all three criteria sets (strategy, gains and "
            "model criteria), weighted as described under “Weights”."
        ),
        "h_rank": "Rank",
        "h_option": "Option",
        "h_value": "Value (0–1)",
        "h_lower_better": "Value (lower is better)",
        "not_ranked": "Not ranked here: {options} (the model criteria do not apply to own "
        "operation and professional networks).",
        "legal": "What the law allows",
        "legal_text": (
            "Options the law rules out are shown but never ranked first. “With conditions” "
            "means the form may be used, but some decisions must stay with each municipality."
        ),
        "h_status": "Status",
        "h_reasons": "Reason and legal reference",
        "h_conditions": "Conditions",
        "uncertain_mark": "uncertain",
        "contrib": "What the value is made of",
        "contrib_fig": (
            "Each option's overall value, split by criteria set. Longer is better. Pale = "
            "ruled out by law."
        ),
        "contrib_table": "The criteria that separate {a} from {b}",
        "contrib_text": (
            "The table shows the contribution (weight × score on the 0–1 scale) of the criteria "
            "on which the two best options differ most. A positive difference favours the "
            "recommendation. Overall lead: {gap}."
        ),
        "h_diff": "Difference",
        "contrib_missing": (
            "The method {method} is not additive, so the value cannot be split by criterion."
        ),
        "robust": "How certain is the answer? (SMAA-2)",
        "robust_text": (
            "The weights were drawn {n} times around the chosen weights (Dirichlet, "
            "concentration {kappa}), and each score within its uncertainty interval "
            "(triangular). The table shows how often each option came first, and its "
            "confidence factor."
        ),
        "robust_fig": (
            "How often each option took each place in the {n} draws (rank 1 darkest, each rank "
            "with its own hatch). pᶜ = the confidence factor: how often the option comes first "
            "with its central weights."
        ),
        "robust_fig_alt": "Rank acceptability",
        "h_b1": "First in",
        "h_cf": "Confidence",
        "sens": "What would change the answer?",
        "sens_text": (
            "Each weight was changed on its own (the others rescaled in proportion), and each "
            "score on its own. The list gives the smallest changes that put another option on "
            "top."
        ),
        "sens_fig": (
            "{which} The bar to the left shows how far the weight can fall, the bar to the "
            "right how far it can rise (percentage points), before the option named at the bar "
            "comes first. Hatched grey = no change over the whole range. Every threshold is in "
            "data.json."
        ),
        "sens_fig_some": "The {rows} of {total} weights closest to a rank reversal.",
        "sens_fig_all": "Every weight, the one closest to a rank reversal first.",
        "sens_fig_alt": "Rank-reversal thresholds",
        "sens_set_none": (
            "No change of a single set weight (strategy, gains or model) changes the "
            "recommendation."
        ),
        "sens_set": "The set weight of “{name}” (now {current}): {change} gives {new}.",
        "sens_up": "raised above {w}",
        "sens_down": "lowered below {w}",
        "sens_crit_none": "No change of a single criterion weight changes the recommendation.",
        "sens_crit": "The weight of “{name}” (now {current}): {change} gives {new}.",
        "sens_score_none": (
            "No single score can change within its scale so that the recommendation changes."
        ),
        "sens_score": (
            "The score of {option} on “{name}” (now {score}): {direction} by {change} puts "
            "{new} on top."
        ),
        "sens_score_up": "raised",
        "sens_score_down": "lowered",
        "sens_score_new_challenger": "{option}",
        "sens_score_new_other": "another option",
        "sens_weights_h": "Weights",
        "sens_scores_h": "Scores",
        "staff": "Staffing and cost today",
        "staff_text": (
            "The case gives staffing for the group “{group}” ({services}) together: {fte} FTE "
            "and NOK {nok} in wage costs (budget 2025)."
        ),
        "staff_missing": (
            "The case gives no staffing or cost for this area; its economics must be assessed."
        ),
        "h_fte": "FTE",
        "h_nok": "NOK",
        "methods": "Method",
        "uncertain": "Legal assumptions that are uncertain",
        "uncertain_text": (
            "These facts are not verified against the current law text, or the law is not "
            "settled. They are data in the catalogue (criteria/) and can be corrected there."
        ),
        "authority": "exercise of public authority",
        "authority_no": "no",
        "authority_partly": "partly",
        "authority_yes": "yes",
        "fact_legal_entity": "own legal entity",
        "fact_enkeltvedtak": "may make individual decisions",
        "fact_principle_matters": "matters of principle",
        "fact_governing_body": "governing body",
        "fact_employer": "employer",
        "fact_exit": "exit",
        "fact_liability": "liability",
        "fact_value_yes": "yes",
        "fact_value_no": "no",
        "fact_value_optional": "optional",
        "fact_value_limited": "limited",
        "uncertain_none": "None of the assumptions behind this briefing is marked uncertain.",
        "refs": "Sources",
        "set_strategy": "Strategy",
        "set_gains": "Gains",
        "set_model": "Model",
        "hosts_fig": (
            "Which municipality hosts which service area in the balanced plan. Hollow rings "
            "show the best plan without the balance bound where it differs."
        ),
        "econ_fig": (
            "What each municipality pays per year at the full effect of a 21% saving, under "
            "each cost-sharing key (million NOK)."
        ),
        "agr": "Do the stakeholders agree?",
        "agr_none": (
            "The assessment has no stakeholders with their own weights, so agreement is not "
            "computed."
        ),
        "agr_error": "Agreement between the stakeholders could not be computed: {error}",
        "agr_summary": (
            "The stakeholders ({who}) each have their own weights. All get the same top option "
            "in {k} of {total} areas ({same}); they disagree on: {differ}."
        ),
        "agr_group_differs": (
            "{service}: the group's combined weights and scores put {group} on top, while the "
            "recommendation (the common weights) is {rec}."
        ),
        "h_stakeholder": "Stakeholder",
        "h_voting": "Voting weight",
        "h_their_top": "Their best option",
        "h_rec_rank": "Rank of the recommendation for them",
        "agr_voting": "{scheme}.",
        "agr_w": (
            "Kendall's W = {w}: how alike the stakeholders' rankings are (1 = identical, 0 = "
            "unrelated)."
        ),
        "agr_most_different": "The criteria on which the stakeholders' weights differ most:",
        "agr_diff": "{name}: from {lo} to {hi} overall weight",
        "yes_coop": "yes",
        "no_coop": "no",
    },
}


def t(lang: str, text_id: str, **values: Any) -> str:
    """The text ``text_id`` in ``lang`` with ``values`` inserted."""
    text = T[lang][text_id]
    return text.format(**values) if values else text
