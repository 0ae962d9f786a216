"""The template's own wording in bokmål and English: column headings, explanations and the
guide sheet. (The reader never depends on it: it finds columns by their ids.)
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "set": "Kriteriesett",
        "criterion_name": "Kriterium",
        "option_label": "Alternativ",
        "value": "Skår",
        "low": "Lav",
        "high": "Høy",
        "rationale": "Begrunnelse",
        "scale": "Skala",
        "criterion": "kriterium-id",
        "option": "alternativ-id",
        "scoring": "skåring",
        "sheet_hint": "Skår hvert alternativ på ett kriterium om gangen. "
        'Skår, lav og høy må ligge på skalaen; "na" = gjelder ikke. Ikke endre id-kolonnene.',
        "meta_title": "Om vurderingen",
        "key": "nøkkel",
        "explain": "forklaring",
        "val": "verdi",
        "weights_title": "Vekter",
        "set_weights_title": "Vekter mellom kriteriesettene",
        "weights_hint": "Velg metode i C4. points: poeng per kriterium (gjerne sum 100); "
        "rank: rangering 1 = viktigst, like tall = like viktige; swing: viktigste sving = 100; "
        "direct: vekter direkte; equal: like vekter; ahp: parvise sammenligninger i matrisen "
        "til høyre (rad mot kolonne, Saatys skala 1–9; fyll øvre trekant, nedre blir invers).",
        "name": "Navn",
        "wvalue": "Poeng / rang / sving / vekt",
        "share": "Andel",
        "ahp": "AHP: rad sammenlignet med kolonne (1–9, 1/3 ...)",
        "m.schema_version": "Filformatets versjon (ikke endre)",
        "m.title": "Tittel (påkrevd)",
        "m.illustrative": "Illustrativt eksempel? (TRUE/FALSE)",
        "m.description": "Beskrivelse",
        "m.date": "Dato (ÅÅÅÅ-MM-DD)",
        "m.authors": "Forfattere, én per celle fra kolonne C",
        "m.kind": "Skala for {set}: numeric eller plus_minus",
        "m.min": "Skala for {set}: laveste verdi",
        "m.max": "Skala for {set}: høyeste verdi",
        "w.method": "Metode: points, rank, swing, ahp, equal, direct, objective",
        "w.total": "points: summen poengene skal ha (tom = ingen krav)",
        "w.formula": "rank: roc, rank_sum eller rank_reciprocal",
        "w.variant": "ahp: eigen eller geometric",
        "w.measure": "objective: entropy, critic, std",
        "default_title": "Skåring av samarbeidsalternativer",
        "dv_error": "Verdien er ikke på skalaen",
        "dv_prompt": "Tillatt",
        "stakeholders_title": "Interessenter (partene i gruppeanalysen)",
        "stakeholders_hint": "Én rad per interessent. role: municipality, "
        "employee_representatives, working_group, politicians, other. Egne vekter i arkene "
        "<id>.strategy, <id>.gains, <id>.model, <id>.sets (utelatt = felles vekter).",
        "overrides_title": "Interessentenes egne skårer (avvik fra felles skår)",
        "overrides_hint": "Én rad per celle der en interessent skårer annerledes enn felles "
        "vurdering; skalaen er kriteriesettets.",
        "id": "id",
        "role": "rolle",
        "municipality": "kommune",
        "voting_weight": "stemmevekt",
        "description": "beskrivelse",
        "stakeholder": "interessent-id",
        "service": "tjeneste-id",
        "stakeholder_weights": "Vekter for interessent",
        "bundles_title": "Pakker (ett samarbeid for flere tjenesteområder)",
        "bundles_hint": "Én rad per pakke. services: tjeneste-id-er skilt med komma (minst "
        "to; de må ha de samme alternativene). rule: fte (årsverksveid, standard), equal "
        "eller min. fte: valgfritt, f.eks. lonn = 7, regnskap = 6 (ellers katalogens "
        "bemanningstabeller).",
        "services": "tjenester",
        "rule": "regel",
        "name_nb": "navn (bokmål)",
        "name_en": "navn (engelsk)",
        "fte": "årsverk",
    },
    "en": {
        "set": "Criteria set",
        "criterion_name": "Criterion",
        "option_label": "Option",
        "value": "Score",
        "low": "Low",
        "high": "High",
        "rationale": "Rationale",
        "scale": "Scale",
        "criterion": "criterion id",
        "option": "option id",
        "scoring": "scoring",
        "sheet_hint": "Score every option on one criterion at a time. "
        'Score, low and high must be on the scale; "na" = not applicable. Do not change the '
        "id columns.",
        "meta_title": "About the assessment",
        "key": "key",
        "explain": "explanation",
        "val": "value",
        "weights_title": "Weights",
        "set_weights_title": "Weights between the criteria sets",
        "weights_hint": "Choose the method in C4. points: points per criterion (e.g. summing to "
        "100); rank: 1 = most important, equal numbers = ties; swing: the most important swing "
        "= 100; direct: weights as given; equal: equal weights; ahp: pairwise comparisons in "
        "the matrix on the right (row against column, Saaty's 1-9 scale; fill the upper "
        "triangle, the lower one is its reciprocal).",
        "name": "Name",
        "wvalue": "Points / rank / swing / weight",
        "share": "Share",
        "ahp": "AHP: row compared with column (1-9, 1/3 ...)",
        "m.schema_version": "File format version (do not change)",
        "m.title": "Title (required)",
        "m.illustrative": "Illustrative example? (TRUE/FALSE)",
        "m.description": "Description",
        "m.date": "Date (YYYY-MM-DD)",
        "m.authors": "Authors, one per cell from column C",
        "m.kind": "Scale of {set}: numeric or plus_minus",
        "m.min": "Scale of {set}: lowest value",
        "m.max": "Scale of {set}: highest value",
        "w.method": "Method: points, rank, swing, ahp, equal, direct, objective",
        "w.total": "points: the total the points must sum to (empty = no requirement)",
        "w.formula": "rank: roc, rank_sum or rank_reciprocal",
        "w.variant": "ahp: eigen or geometric",
        "w.measure": "objective: entropy, critic, std",
        "default_title": "Scoring of cooperation options",
        "dv_error": "The value is not on the scale",
        "dv_prompt": "Allowed",
        "stakeholders_title": "Stakeholders (the parties of the group analysis)",
        "stakeholders_hint": "One row per stakeholder. role: municipality, "
        "employee_representatives, working_group, politicians, other. Their own weights in "
        "the sheets <id>.strategy, <id>.gains, <id>.model, <id>.sets (left out = common).",
        "overrides_title": "Stakeholders' own scores (overrides of common scores)",
        "overrides_hint": "One row per cell a stakeholder scores differently from the common "
        "assessment; on the criteria set's scale.",
        "id": "id",
        "role": "role",
        "municipality": "municipality",
        "voting_weight": "voting weight",
        "description": "description",
        "stakeholder": "stakeholder id",
        "service": "service id",
        "stakeholder_weights": "Weights of stakeholder",
        "bundles_title": "Bundles (one cooperation for several service areas)",
        "bundles_hint": "One row per bundle. services: service ids separated by commas (two "
        "or more; they must have the same options). rule: fte (FTE-weighted, default), equal "
        "or min. fte: optional, e.g. lonn = 7, regnskap = 6 (else the catalogue's staffing "
        "tables).",
        "services": "service areas",
        "rule": "rule",
        "name_nb": "name (bokmål)",
        "name_en": "name (English)",
        "fte": "FTE",
    },
}

GUIDE_NB = [
    ("h", "Slik fyller du ut arbeidsboka"),
    (
        "p",
        "Arbeidsboka er laget av samvalg for et skåringsverksted. Hvert tjenesteområde har sitt "
        "eget ark (arkets navn er tjenesteområdets id). Hver rad er ett alternativ på ett "
        "kriterium. Skår alle alternativene på ett kriterium om gangen: da blir skårene "
        "sammenlignbare.",
    ),
    (
        "p",
        'Skår: en verdi på kriteriesettets skala (se under). "na" betyr at kriteriet ikke '
        "gjelder alternativet; modellkriteriene gjelder ikke egen drift og fagnettverk.",
    ),
    (
        "p",
        "Lav og høy (valgfritt): usikkerhetsintervallet rundt skåren, lav <= skår <= høy. "
        "Begrunnelse: hvorfor skåren ble gitt; den følger med inn i rapporten.",
    ),
    (
        "p",
        "Vekter: arkene vekter_sets (mellom kriteriesettene) og vekter_<sett> (innenfor hvert "
        "sett). Standard er poeng; metoden står i celle C4 og kan endres.",
    ),
    (
        "p",
        "meta: tittel, dato, forfattere og skalaene. Endrer du en skala her, gjelder den nye "
        "skalaen ved innlesing (nedtrekkslistene i arkene følger skalaen da arket ble laget).",
    ),
    (
        "p",
        "Ikke endre arknavnene eller id-kolonnene (kriterium-id, alternativ-id) og ikke slå "
        "sammen celler i tabellene. Rader kan sorteres og filtreres. Egne ark med navn som "
        "begynner med _ blir ikke lest.",
    ),
    (
        "p",
        "Les inn med:  samvalg validate fil.xlsx   eller   samvalg evaluate fil.xlsx. "
        "Feil blir meldt med ark og celle, for eksempel lonn!D7.",
    ),
]
GUIDE_EN = [
    ("h", "How to fill in the workbook"),
    (
        "p",
        "samvalg wrote this workbook for a scoring workshop. Each service area has its own "
        "sheet (named by the service area's id). Each row is one option on one criterion. "
        "Score all options on one criterion at a time, so the scores stay comparable.",
    ),
    (
        "p",
        'Score: a value on the criteria set\'s scale (below). "na" means the criterion does '
        "not apply to the option; the model criteria do not apply to egen drift (in-house) "
        "and fagnettverk (professional network).",
    ),
    (
        "p",
        "Low and high (optional): the uncertainty interval around the score, low <= score <= "
        "high. Rationale: why the score was given; it is carried into the briefing.",
    ),
    (
        "p",
        "Weights: the sheets vekter_sets (between the criteria sets) and vekter_<set> "
        "(inside each set). Points by default; the method is in cell C4 and can be changed.",
    ),
    (
        "p",
        "meta: title, date, authors and the scales. A scale changed here applies when the "
        "workbook is read (the drop-down lists follow the scale the sheet was written with).",
    ),
    (
        "p",
        "Do not rename sheets or change the id columns (criterion id, option id), and do not "
        "merge cells in the tables. Rows may be sorted and filtered. Your own sheets whose "
        "names start with _ are not read.",
    ),
    (
        "p",
        "Read it with:  samvalg validate file.xlsx   or   samvalg evaluate file.xlsx. "
        "Problems are reported with sheet and cell, e.g. lonn!D7.",
    ),
]
