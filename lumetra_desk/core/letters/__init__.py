"""Response letters: facts in (``LetterData``), a checked, templated, embedded-font PDF out (``render_letter``).

The heavy parts (ReportLab, fonts) load only when a letter is rendered, so listing the kinds stays cheap.
"""
