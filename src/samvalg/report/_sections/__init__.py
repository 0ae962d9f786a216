"""The briefing's chapters, one module per chapter; each function builds a :class:`Section`.

Every function takes the :class:`~samvalg.report._sections._context.Context` (the analyses'
results, the language, the labels and the number formats) and returns the section, with the
numbers it shows for ``data.json`` where the chapter has its own. The words are in
:mod:`samvalg.text.briefing`. Import the module you need; nothing is re-exported here.
"""
