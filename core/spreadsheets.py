"""Text for CSV files people open in a spreadsheet."""

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """The value as text that never starts a formula: a leading apostrophe keeps it text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
