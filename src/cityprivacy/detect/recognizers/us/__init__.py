"""Recognizers for United States identifiers: SSN, ITIN, passport, licenses, bank numbers, VIN."""
