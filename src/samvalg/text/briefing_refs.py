"""The briefing's end matter wording: the method notes (bokmål and English) and the sources."""

from __future__ import annotations

__all__ = ["METHOD_NOTES", "REFERENCES", "SET_SOURCE"]

#: The method notes, by language: (term, explanation) pairs.
METHOD_NOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "nb": (
        (
            "Verdi på skalaen 0–1",
            "Hver skår gjøres om til en verdi mellom 0 og 1 ut fra skalaens egne ender: "
            "v = (x − nedre) / (øvre − nedre). Da endrer ikke et nytt eller fjernet alternativ "
            "verdien til de andre.",
        ),
        (
            "Vektet sum (WSM)",
            "Samlet verdi V = Σ wⱼ·vⱼ, summert over kriteriene (Fishburn 1967). Bidraget fra et "
            "kriterium er wⱼ·vⱼ; bidragene summerer til verdien.",
        ),
        (
            "Hierarkiske vekter",
            "Samlet vekt for et kriterium = settvekt × vekt i settet (Saaty 1980). Vektene er satt "
            "med poengfordeling, rangering (ROC, Barron & Barrett 1996), SWING (Edwards & Barron "
            "1994) eller parvise sammenligninger (AHP, Saaty 1980) med konsistensforhold CR; "
            "CR under 0,10 regnes som akseptabelt.",
        ),
        (
            "Andre metoder",
            "TOPSIS (avstand til ideal- og anti-idealpunkt, Hwang & Yoon 1981), VIKOR "
            "(kompromissrangering, Opricovic & Tzeng 2004) og PROMETHEE II (netto "
            "preferansestrøm, Brans, Vincke & Mareschal 1986) kan velges med --method.",
        ),
        (
            "Hva loven tillater",
            "Hvert alternativ holdes opp mot kommuneloven og særlovene (katalogen "
            "criteria/feasibility.toml). Alternativer loven utelukker, vises med begrunnelsen, "
            "men rangeres alltid etter alle lovlige alternativer og anbefales aldri.",
        ),
        (
            "Robusthet (SMAA-2)",
            "Vekter og skårer trekkes mange ganger innenfor usikkerheten (Lahdelma & Salminen "
            "2001). Førsterangsandelen b¹ er andelen trekninger der et alternativ kommer først. "
            "Konfidensfaktoren er andelen av trekningene av skårer der alternativet vinner med "
            "sine sentralvekter (gjennomsnittet av vektene som gjør det best).",
        ),
        (
            "Følsomhet",
            "Én vekt endres om gangen, de andre justeres forholdsmessig, og det beregnes nøyaktig "
            "hvor anbefalingen skifter (Triantaphyllou & Sánchez 1997; Wolters & Mareschal 1995). "
            "Det samme gjøres for hver enkelt skår.",
        ),
        (
            "Vertskommunefordeling",
            "Ett alternativ per område velges slik at summen av verdiene blir størst, med en øvre "
            "grense for hver kommunes andel av årsverkene hos en vertskommune (blandet "
            "heltallsprogram, Wolsey 2020).",
        ),
        (
            "Økonomi",
            "Grunnlaget er sakens bemanningstabeller (katalogen). Innsparingsscenariene er "
            "eksemplene saken selv viser til (se kapitlet om økonomi), aldri en prognose; "
            "nåverdi med 4 % realrente (R-109/2021). Kostnader fordeles med "
            "største-rest-metoden, slik at andelene summerer nøyaktig til totalen.",
        ),
    ),
    "en": (
        (
            "Value on the 0–1 scale",
            "Each score becomes a value between 0 and 1 from the scale's own ends: "
            "v = (x − lower) / (upper − lower). Adding or removing an option then never changes "
            "the others' values.",
        ),
        (
            "Weighted sum (WSM)",
            "Overall value V = Σ wⱼ·vⱼ over the criteria (Fishburn 1967). A criterion's "
            "contribution is wⱼ·vⱼ; the contributions add up to the value.",
        ),
        (
            "Hierarchical weights",
            "A criterion's overall weight = set weight × weight within the set (Saaty 1980). "
            "Weights come from points, a ranking (ROC, Barron & Barrett 1996), SWING (Edwards & "
            "Barron 1994) or pairwise comparisons (AHP, Saaty 1980) with a consistency ratio CR; "
            "CR below 0.10 is acceptable.",
        ),
        (
            "Other methods",
            "TOPSIS (distance to the ideal and anti-ideal, Hwang & Yoon 1981), VIKOR (compromise "
            "ranking, Opricovic & Tzeng 2004) and PROMETHEE II (net outranking flow, Brans, Vincke "
            "& Mareschal 1986) can be chosen with --method.",
        ),
        (
            "What the law allows",
            "Each option is checked against the Local Government Act and the special laws (the "
            "catalogue criteria/feasibility.toml). Options the law rules out are shown with the "
            "reason but always ranked after every lawful option and never recommended.",
        ),
        (
            "Robustness (SMAA-2)",
            "Weights and scores are drawn many times within their uncertainty (Lahdelma & "
            "Salminen 2001). The first-rank acceptability b¹ is the share of draws in which an "
            "option comes first. The confidence factor is the share of the score draws in which "
            "the option wins with its central weights (the mean of the weights that make it best).",
        ),
        (
            "Sensitivity",
            "One weight is changed at a time, the others rescaled in proportion, and the exact "
            "point where the recommendation changes is computed (Triantaphyllou & Sánchez 1997; "
            "Wolters & Mareschal 1995). The same is done for each single score.",
        ),
        (
            "Host allocation",
            "One option per area is chosen to maximise the sum of the values, with an upper bound "
            "on each municipality's share of the FTE at a host (mixed-integer programme, Wolsey "
            "2020).",
        ),
        (
            "Economics",
            "The basis is the case's staffing tables (the catalogue). The savings scenarios are "
            "the examples the case itself cites (see the economics chapter), never a forecast; "
            "present value at a 4% real rate (R-109/2021). Costs are shared by the "
            "largest-remainder method, so the shares add up exactly to the total.",
        ),
    ),
}

#: The sources (same in both languages; titles in their original language).
#: The case's own sources (its document, each criteria set's source, the savings evidence) come
#: from the catalogue and are listed before these.
REFERENCES: tuple[str, ...] = (
    "Lov om kommuner og fylkeskommuner (kommuneloven), LOV-2018-06-22-83, særlig § 5-4, "
    "§ 17-1, § 18-1, § 19-1, § 20-1, § 20-2, § 20-3, § 20-4 og § 20-8 "
    "(https://lovdata.no/dokument/NL/lov/2018-06-22-83).",
    "Prop. 46 L (2017–2018) Lov om kommuner og fylkeskommuner (kommuneloven), kap. 19.1.",
    "Plan- og bygningsloven (LOV-2008-06-27-71) § 3-3 og kap. 9; matrikkellova § 5 a; "
    "jordlova §§ 8, 9, 12; offentleglova §§ 29, 32; arkivlova (1992) § 6.",
    "Fishburn, P. C. (1967). Additive utilities with incomplete product sets. Operations "
    "Research 15(3), 537–542.",
    "Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making. Springer.",
    "Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: A comparative "
    "analysis of VIKOR and TOPSIS. European Journal of Operational Research 156(2), 445–455.",
    "Brans, J. P., Vincke, P. & Mareschal, B. (1986). How to select and how to rank projects: "
    "The PROMETHEE method. European Journal of Operational Research 24(2), 228–238.",
    "Saaty, T. L. (1980). The Analytic Hierarchy Process. McGraw-Hill.",
    "Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights. "
    "Management Science 42(11), 1515–1523.",
    "Edwards, W. & Barron, F. H. (1994). SMARTS and SMARTER: Improved simple methods for "
    "multiattribute utility measurement. Organizational Behavior and Human Decision Processes "
    "60(3), 306–325.",
    "Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability "
    "analysis for group decision making. Operations Research 49(3), 444–454.",
    "Tervonen, T. & Lahdelma, R. (2007). Implementing stochastic multicriteria acceptability "
    "analysis. European Journal of Operational Research 178(2), 500–513.",
    "Triantaphyllou, E. & Sánchez, A. (1997). A sensitivity analysis approach for some "
    "deterministic multi-criteria decision-making methods. Decision Sciences 28(1), 151–194.",
    "Wolters, W. T. M. & Mareschal, B. (1995). Novel types of sensitivity analysis for additive "
    "MCDM methods. European Journal of Operational Research 81(2), 281–290.",
    "Belton, V. & Stewart, T. J. (2002). Multiple Criteria Decision Analysis: An Integrated "
    "Approach. Kluwer.",
    "Wolsey, L. A. (2020). Integer Programming, 2nd ed. Wiley.",
    "Finansdepartementet (2021). Rundskriv R-109/2021 Prinsipper og krav ved utarbeidelse av "
    "samfunnsøkonomiske analyser; DFØ, Veileder i samfunnsøkonomiske analyser.",
)

#: How a criteria set's source is cited (the set's name and its ``source`` from the catalogue).
SET_SOURCE: dict[str, str] = {
    "nb": "Kriteriesettet «{name}»: {source}.",
    "en": "Criteria set “{name}”: {source}.",
}
