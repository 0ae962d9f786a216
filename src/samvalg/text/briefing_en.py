"""The council briefing's words in English, keyed by code (see :mod:`samvalg.text.briefing`).

Numbers and labels are inserted with ``str.format``; ``**bold**`` is the only markup.
"""

from __future__ import annotations

__all__ = ["EN"]

EN: dict[str, str] = {
    "title": "Decision briefing: inter-municipal cooperation",
    "subtitle": "{region} – “{case}”",
    "subtitle_region": "{region}",
    "subtitle_case": "“{case}”",
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
    "k_robust_v": "SMAA-2 with {n} draws (starting value {seed})",
    "date": "{day} {month} {year}",
    "months": (
        "January February March April May June July August September October November December"
    ),
    "k_input": "Input file",
    "k_hash": "SHA-256 of the input",
    "k_version": "samvalg version",
    "k_not_file": "(assessment given as a Python object)",
    "how_to_read": (
        "The briefing answers the case's two questions for each service area: **Should we "
        "cooperate?** ({n_strategy} criteria from “{strategy}” and {n_gains} from “{gains}”) "
        "and **In which form?** ({n_model} criteria from “{model}”, judged for the formal "
        "forms of cooperation the law allows). A combined assessment with every criteria set "
        "is shown as a third table, for comparison. A summary comes first, then one chapter "
        "per service area, and finally the method, uncertain legal assumptions and sources. "
        "Every number is also in data.json, so the computation can be checked and repeated."
    ),
    "brief": "In short",
    "brief_not_final": (
        "This briefing does not make the final choice of form. It shows what the assessments "
        "suggest the next phase should look at first, where the answer holds, and where it "
        "depends on a judgment."
    ),
    "brief_deferred": "{text} ({source})",
    "brief_decisions": "The councils are asked to decide:",
    "brief_decision": "{text} – result {due} ({source})",
    "brief_decision_nodue": "{text} ({source})",
    "brief_points": "What the assessments suggest, area by area:",
    "brief_robust": (
        "**Holds well** (the same answer however weights and scores vary): {services}."
    ),
    "brief_hinge": "**Depends on a judgment:**",
    "brief_hinge_service": "{service}: {option} or {runner}",
    "brief_bundle": "{bundle} (a bundle decided together: {members})",
    "brief_hinge_crit": "{item} – depends mainly on how much “{criterion}” should count",
    "brief_hinge_nocrit": "{item}",
    "brief_no_coop": "**Suggests continuing as today:** {services}.",
    "brief_balance": (
        "Following the answers (bundles together), {muni} would host {k} of {n} areas. See “Host "
        "municipalities and balance” for a plan that spreads hosting more evenly."
    ),
    "brief_economy": (
        "Economics: the case says the gain in FTE or kroner cannot be stated yet. It cites "
        "{examples}; these are figures from other municipalities, not a forecast."
    ),
    "brief_example": "{name}, which needed {share} fewer full-time positions",
    "brief_more": (
        "The rest of the briefing explains how the answers were reached; the method chapter "
        "describes the computations."
    ),
    "summary": "Summary",
    "summary_intro": (
        "These are not final choices but what phase 2 should study first. "
        "For each service area: the answer to question 2 (the lawful form of cooperation "
        "with the highest value on the model criteria), or own operation or a professional "
        "network where question 1 puts them first; how certain that is, and whether it is "
        "lawful."
    ),
    "h_service": "Service area",
    "h_recommend": "Suggests",
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
        "The table counts how many service areas each municipality would host if the "
        "recommendation were followed area by area."
    ),
    "hosts_intro_bundles": (
        "The table counts how many service areas each municipality would host if the "
        "recommendations were followed: a service in a bundle takes the bundle's "
        "recommendation, any other its own."
    ),
    "hosts_principles": "The case asks for {principles} ({source}).",
    "h_municipality": "Municipality",
    "h_hosted_rec": "Hosting in the recommendations",
    "h_hosted_bal": "Hosting in the balanced plan",
    "h_fte_bal": "FTE at the host (balanced plan)",
    "alloc_text": (
        "The balanced plan chooses one option for each of the {n} areas so that the sum of "
        "the values is as large as possible, but no municipality hosts more than {bound}. "
        "{measure} It costs {given_up} in total value (the sum of the values is {value} "
        "against {free} without the bound). Most areas at one municipality in the plan: "
        "{muni}, with {k} of {n}."
    ),
    "alloc_bound_fte": "{share} of the FTE that move to a host",
    "alloc_bound_areas": "{k} of {n} areas",
    "alloc_measure_fte": "The balance is measured in FTE.",
    "alloc_measure_areas": (
        "Since the case gives no staffing for every area, the balance counts areas, not FTE."
    ),
    "alloc_office": (
        "A kommunalt oppgavefellesskap counts as hosted by its office municipality, which the "
        "plan also chooses: if the KO is not its own legal entity, its accounts are kept by "
        "the office municipality, which probably becomes the employer (the law is silent; an "
        "inference, uncertain: koml. § 14-8, § 19-4 (4) b)."
    ),
    "alloc_office_off": (
        "A kommunalt oppgavefellesskap is not counted as hosted by any municipality here "
        "(chosen for this run: --no-office-hosts); only host municipalities count in the "
        "balance."
    ),
    "alloc_rec_office": (
        "In the recommendations no office municipality is chosen for a KO; those areas are not "
        "counted in the column “Hosting in the recommendations” ({services})."
    ),
    "h_size_bal_areas": "Areas at the host (balanced plan)",
    "office_mark": "office",
    "alloc_offices": "Office municipality of the KOs in the plan: {offices}.",
    "alloc_skipped": ("Not in the balanced plan because the case gives no staffing: {services}."),
    "alloc_changes": "The balanced plan differs from the recommendation for: {changes}.",
    "alloc_same": "The balanced plan equals the recommendations.",
    "alloc_failed": "The balanced plan could not be computed: {error}",
    "econ": "Economics and cost sharing",
    "econ_intro": (
        "Today's wage cost of the areas the case gives staffing for is NOK {total} ({fte} "
        "FTE{year}). The table shows what each municipality spends today."
    ),
    "budget_year": ", budget {year}",
    "source_line": "Source: {source}.",
    "source_same": "Source: as in the paragraph above.",
    "calc_line": "Computed by samvalg from the figures above ({how}).",
    "calc_keys": "today's cost less the saving, shared by each key",
    "econ_other_staff": (
        "{muni} also reports “{name}”: {fte} FTE and NOK {nok}. They are outside the staffing "
        "table and not counted above; counted, {muni}'s baseline is {fte_total} FTE and NOK "
        "{nok_total} (source: {source})."
    ),
    "econ_printed": (
        "The table “{group}” prints TOTAL NOK {printed}, but its rows add up to NOK {rows} "
        "(difference NOK {diff}). The briefing uses the sum of the rows (source: {source})."
    ),
    "econ_items_none": (
        "The case gives no other costs of today's operation (running, premises, systems, "
        "governance); they can be entered as cost_items in the catalogue."
    ),
    "econ_items": "Other costs today, as entered in the catalogue (NOK a year)",
    "h_item": "Cost",
    "econ_control_principle": "Principle in the case: {text} (source: {source})",
    "econ_control_ok": (
        "Check: at fixed prices and an unchanged level of the other services, the "
        "cooperation's yearly cost stays at or below today's NOK {base} in every scenario "
        "and year."
    ),
    "econ_control_over": (
        "Check: at fixed prices and an unchanged level of the other services, the "
        "cooperation's yearly cost is above today's NOK {base} in {cases}. The one-off "
        "establishment costs cause it (illustrative placeholders here); the principle requires "
        "them to be covered or spread."
    ),
    "econ_control_case": "year {years} of the scenario “{scenario}”",
    "econ_by_form": (
        "The assessment gives different savings per form of cooperation: {items} (source: "
        "the assessment file's [economics].options)."
    ),
    "econ_no_evidence": (
        "The case gives no source for savings, so the briefing shows no savings scenarios."
    ),
    "savings": "Savings: the examples the case cites",
    "savings_example": (
        "The case cites {name}, which saved {share} of full-time positions ({covers}; "
        "source: {source})."
    ),
    "savings_range": (
        "For other cooperations on similar tasks, {low}–{high} is reported (source: {source})."
    ),
    "savings_not_forecast": (
        "These are outside examples, not a forecast for these municipalities. The scenarios "
        "below show what such shares would mean here."
    ),
    "savings_uncovered": (
        "None of the examples covered {services}; there the briefing counts no saving in any "
        "scenario (source: what the examples above covered)."
    ),
    "econ_table_caption": (
        "What each municipality would pay per year at the full effect of a {share} saving as "
        "in {name}, under different cost-sharing keys"
    ),
    "scen_low": "Low end ({share})",
    "scen_high": "High end ({share})",
    "scen_example": "As {name} ({share})",
    "h_today": "Today (NOK)",
    "h_after_key": "After, {key} (NOK)",
    "econ_pays_more": "⚠ pays more than today under the key “{key}”: {munis}.",
    "econ_nobody_more": "No municipality pays more than today under any of the keys.",
    "scen_caption": "Savings scenarios over {h} years (present value at a {rate} discount rate)",
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
    "cr_bad": ("Consistency ratio CR = {cr} (above 0.10: the comparisons disagree; review them)."),
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
    "rec_title": "The assessments suggest: {option}",
    "rec_text": (
        "Overall value {value} on a scale from 0 to 1 (1 = best score on every criterion). "
        "Legal: {legal}. Robustness: first in {share} of the draws ({robust})."
    ),
    "rec_none": "No option is both lawful and assessed on every criterion.",
    "q1": "Question 1: Should we cooperate?",
    "q1_text": (
        "Every option, own operation and professional networks included, judged on {n} "
        "criteria: {sets}."
    ),
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
        "The formal forms of cooperation judged on {n} criteria: {sets}. The best lawful "
        "option here is the answer to question 2."
    ),
    "q3": "For comparison: combined assessment (every criteria set)",
    "q3_text": (
        "All {n} criteria ({sets}) weighted together with the set weights under “Weights”. "
        "This table is a check, not the answer to question 2."
    ),
    "q3_same": "The combined assessment puts the same option first as question 2.",
    "q3_differs": (
        "The combined assessment puts {other} first, while question 2 gives {rec}: the answer "
        "depends on whether the strategy and gain criteria should also count when choosing "
        "the form."
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
        "No change of a single set weight (strategy, gains or model) changes the recommendation."
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
    "sens_score_steps": (
        "The score of {option} on “{name}” (now {score}): moved {steps} on the scale, from "
        "{old} to {new_label}, puts {new} first."
    ),
    "sens_score_steps_outside": (
        "The score of {option} on “{name}” (now {score}): even at the end of the scale "
        "({edge}) no other option comes first."
    ),
    "dfo": "Plus-minus (DFØ), not summed",
    "dfo_text": (
        "On DFØ's plus-minus scale (−4 to +4 against own operation) each score already holds "
        "both how important and how large an effect is. DFØ's synthesis shows them side by "
        "side and does not add them up; the priced effects (present value per municipality) "
        "are under “Savings”. The briefing's answers to questions 1 and 2 rest on the "
        "weighted model; this table stands beside it as a check."
    ),
    "pv_caption": (
        "Priced effects: present value per municipality over {h} years, per scenario, key "
        "“{key}” (NOK)"
    ),
    "step_one": "one step",
    "step_many": "{k} steps",
    "sens_score_up": "raised",
    "sens_score_down": "lowered",
    "sens_score_new_challenger": "{option}",
    "sens_score_new_other": "another option",
    "sens_weights_h": "Weights",
    "sens_scores_h": "Scores",
    "staff": "Staffing and cost today",
    "staff_text": (
        "The case gives staffing for the group “{group}” ({services}) together: {fte} FTE "
        "and NOK {nok} in wage costs{year}."
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
    "fact_governing_body": "who decides (governing body)",
    "fact_employer": "employer",
    "fact_exit": "exit",
    "fact_liability": "liability",
    "fact_control": "control",
    "fact_procurement": "procurement rules",
    "forms_facts": "The forms of cooperation: facts",
    "forms_facts_text": (
        "Facts about the formal forms of cooperation assessed, from the catalogue "
        "(criteria/forms.toml) with legal references. “[uncertain]” means the point was not "
        "checked against the current law, or the law is silent and the answer is an inference."
    ),
    "h_fact": "Point",
    "fact_missing": "– (not in the catalogue)",
    "procurement_caveat": (
        "Procurement rules: {forms} is or may be a separate legal entity. If the "
        "municipalities buy services from such a cooperation, whether the purchase is a "
        "contract under the procurement rules must be assessed ({section}); see “The forms of "
        "cooperation: facts”."
    ),
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
        "What each municipality would pay per year at the full effect of a {share} saving "
        "as in {name}, under each cost-sharing key (million NOK)."
    ),
    "agr": "Do the stakeholders agree?",
    "agr_none": (
        "The assessment has no stakeholders with their own weights, so agreement is not computed."
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
    # live what-if in index.html (words the page's script shows; see report/assets/whatif.js)
    "whatif_title": "What if the weights change? (interactive)",
    "whatif_intro": (
        "Move a weight and the values and ranking are recomputed here in the page with all "
        "five methods. When one weight moves, the others are rescaled in proportion, as in "
        "the sensitivity analysis. The marks under a slider show the weights at which the top "
        "option changes, computed from the starting weights with the chosen method; without "
        "marks no weight between 0 and 100 % changes the top. Legally ruled-out options never "
        "come first."
    ),
    "whatif_method": "Method for the order and the marks",
    "whatif_reset": "Reset the weights",
    "whatif_sets": "Set weights",
    "whatif_criteria": "Criterion weights: {set}",
    "whatif_rank": "Rank",
    "whatif_option": "Option",
    "whatif_lower_better": "lower is better",
    "whatif_top": "Top with {method}: {option}",
    "whatif_infeasible": "legally ruled out",
    "whatif_weight_of": "Weight of {name}",
    "whatif_marks": "The top changes:",
    "whatif_below": "below {w} → {option}",
    "whatif_above": "above {w} → {option}",
    "whatif_stale": "(the marks hold for the starting weights)",
    "whatif_bundle_intro": (
        "For the bundle, the same weights apply to every service area in it. Each service area "
        "is computed on its own with the method, and the values are combined by the bundle's "
        "rule (see above). An option is legal for the bundle only where it is legal for every "
        "service area."
    ),
    # end matter
    "methods_used": "The computations in this briefing use the method {method}.",
    "sources": "Sources",
}
