"""The entity types the detector finds: one declaration that drives the API, CLI and docs.

Names follow Microsoft Presidio's wherever Presidio has one, so findings convert to
Presidio results without a mapping table. Each member carries a one-line description
(shown by ``cityprivacy entities`` and checked against the README by the docs test)
and the Presidio name, or ``None`` where Presidio has no equivalent.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EntityType"]


class EntityType(StrEnum):
    """A kind of span the detector reports. Map to the legal taxonomy via ``category``."""

    description: str
    presidio: str | None

    def __new__(cls, value: str, description: str, presidio: str | None) -> EntityType:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        member.presidio = presidio
        return member

    # People and organizations
    PERSON = ("PERSON", "A person's name", "PERSON")
    TITLE = ("TITLE", "A courtesy or professional title before a name (Mr, Dr, Sgt)", "TITLE")
    ORGANIZATION = ("ORGANIZATION", "An organization, such as an employer", "ORGANIZATION")
    # Places
    LOCATION = (
        "LOCATION",
        "A named place: city, borough, neighborhood, state, country",
        "LOCATION",
    )
    STREET_ADDRESS = (
        "STREET_ADDRESS",
        "A street address, with unit, borough or city, state and ZIP",
        "STREET_ADDRESS",
    )
    ZIP_CODE = ("ZIP_CODE", "A US ZIP or ZIP+4 code", "ZIP_CODE")
    GPS_COORDINATES = ("GPS_COORDINATES", "A latitude/longitude pair", None)
    NYC_BBL = ("NYC_BBL", "A New York City borough-block-lot tax lot number", None)
    # Contact and online
    EMAIL_ADDRESS = ("EMAIL_ADDRESS", "An email address", "EMAIL_ADDRESS")
    PHONE_NUMBER = ("PHONE_NUMBER", "A telephone number, US or international", "PHONE_NUMBER")
    URL = ("URL", "A web address", "URL")
    SOCIAL_MEDIA = ("SOCIAL_MEDIA", "A social-media handle or profile URL", None)
    IP_ADDRESS = ("IP_ADDRESS", "An IPv4 or IPv6 address", "IP_ADDRESS")
    MAC_ADDRESS = ("MAC_ADDRESS", "A network hardware (MAC) address", "MAC_ADDRESS")
    IMEI = ("IMEI", "A mobile device IMEI (Luhn-checked)", "IMEI")
    # Government identifiers
    US_SSN = ("US_SSN", "A US Social Security number (impossible ranges rejected)", "US_SSN")
    US_ITIN = ("US_ITIN", "A US individual taxpayer identification number", "US_ITIN")
    US_PASSPORT = ("US_PASSPORT", "A US passport number (with context)", "US_PASSPORT")
    US_DRIVER_LICENSE = (
        "US_DRIVER_LICENSE",
        "A driver's license or non-driver ID number",
        "US_DRIVER_LICENSE",
    )
    NY_MEDICAID_CIN = (
        "NY_MEDICAID_CIN",
        "A New York Medicaid client identification number (CIN)",
        None,
    )
    NYC_OSIS = ("NYC_OSIS", "A New York City student ID (OSIS, with context)", None)
    MEDICAL_RECORD_NUMBER = (
        "MEDICAL_RECORD_NUMBER",
        "A medical record number (with context)",
        "MEDICAL_RECORD_NUMBER",
    )
    CASE_NUMBER = ("CASE_NUMBER", "A city case, docket or client number (with context)", None)
    # Financial
    US_BANK_NUMBER = ("US_BANK_NUMBER", "A US bank account number (with context)", "US_BANK_NUMBER")
    ABA_ROUTING_NUMBER = (
        "ABA_ROUTING_NUMBER",
        "An ABA bank routing number (checksum)",
        "ABA_ROUTING_NUMBER",
    )
    CREDIT_CARD = ("CREDIT_CARD", "A payment card number (Luhn-checked)", "CREDIT_CARD")
    IBAN_CODE = ("IBAN_CODE", "An international bank account number (mod-97)", "IBAN_CODE")
    # Vehicles
    LICENSE_PLATE = ("LICENSE_PLATE", "A vehicle license plate (NY formats, with context)", None)
    VIN = ("VIN", "A vehicle identification number (check digit)", None)
    # Time and body
    DATE_TIME = ("DATE_TIME", "A date or time", "DATE_TIME")
    DATE_OF_BIRTH = ("DATE_OF_BIRTH", "A date of birth (a date with birth context)", None)
    AGE = ("AGE", "A person's age", "AGE")
    HEIGHT_WEIGHT = ("HEIGHT_WEIGHT", "A person's height or weight", None)
    # Status types of the Identifying Information Law, found as words
    IMMIGRATION_STATUS = ("IMMIGRATION_STATUS", "Citizenship or immigration status", None)
    PUBLIC_ASSISTANCE = (
        "PUBLIC_ASSISTANCE",
        "Eligibility for or receipt of public assistance or city services",
        None,
    )
    CRIMINAL_HISTORY = ("CRIMINAL_HISTORY", "Arrest record or criminal conviction", None)
    VICTIM_STATUS = (
        "VICTIM_STATUS",
        "Status as a victim of domestic violence, sexual assault or crime, or a witness",
        None,
    )
    SEXUAL_ORIENTATION = ("SEXUAL_ORIENTATION", "Sexual orientation", None)
    GENDER_IDENTITY = ("GENDER_IDENTITY", "Gender identity", None)
    RELIGION = ("RELIGION", "Religion", "NRP")
    LANGUAGE = ("LANGUAGE", "Languages spoken", None)
    NATIONALITY = ("NATIONALITY", "Nationality, country of origin or place of birth", "NRP")
    RACE_ETHNICITY = ("RACE_ETHNICITY", "Race or ethnicity", "NRP")
    MARITAL_STATUS = ("MARITAL_STATUS", "Marital or partnership status", None)
    EMPLOYMENT_STATUS = ("EMPLOYMENT_STATUS", "Employment status", None)
    CUSTODY_RELEASE = (
        "CUSTODY_RELEASE",
        "Date or time of release from ACS, DOC or NYPD custody",
        None,
    )
