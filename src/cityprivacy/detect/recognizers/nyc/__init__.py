"""Recognizers for New York City and State identifiers: BBL, OSIS, Medicaid CIN, plates."""
