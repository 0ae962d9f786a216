"""Every word samvalg shows a person, in bokmål and English, keyed.

The analyses below this layer return numbers and codes; the modules here turn them into
sentences and labels (``nb`` for councils, ``en`` for code and international readers). Import
the module you need (``from samvalg.text import views``); nothing is re-exported here.
"""
