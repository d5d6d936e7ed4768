"""Word lists shared by the PERSON, ORGANIZATION and LOCATION recognizers.

Small and hand-written, so they live in code rather than in lexicon files: titles before
a name, particles inside one, the words that make a capitalized run an organization or a
place instead of a person, and the context words that say "a person is named here".
"""

from __future__ import annotations

__all__ = [
    "BLOCKERS",
    "ENGLISH_SUFFIXES",
    "ORG_HEADS",
    "ORG_SUFFIXES",
    "PARTICLES",
    "PERSON_CONTEXT",
    "PLACE_WORDS",
    "TITLES",
    "TRIGGERS",
]

TITLES = (
    "Mr", "Mrs", "Ms", "Mx", "Miss", "Dr", "Prof", "Rev", "Sgt", "Det", "Lt", "Capt", "Cpt",
    "Hon", "Gov", "Sen", "Rep", "Insp", "Cmdr", "Supt", "Sr", "Sra", "Srta", "Fr", "Sis",
    "MR", "MRS", "MS", "MX", "DR", "PROF", "REV", "SGT", "DET",
    "Doctor", "Professor", "Officer", "Detective", "Sergeant", "Lieutenant", "Captain",
    "Inspector", "Commander", "Chief", "Judge", "Justice", "Mayor", "Commissioner",
    "Deputy Commissioner", "Councilmember", "Council Member", "Councilman", "Councilwoman",
    "Assemblymember", "Assemblyman", "Assemblywoman", "Senator", "Governor", "Comptroller",
    "President", "Borough President", "Director", "Superintendent", "Principal",
    "Rabbi", "Imam", "Pastor", "Reverend", "Father", "Sister", "Brother", "Bishop", "Deacon",
    "Nurse", "Madam", "Mme", "Mlle", "Señor", "Señora", "Senor", "Senora", "Doña",
)  # fmt: skip

PARTICLES = (
    "de", "del", "de la", "de las", "de los", "della", "da", "das", "do", "dos", "du", "di",
    "van", "van der", "van den", "von", "der", "den", "la", "le", "bin", "binti", "ibn",
    "al", "el", "y", "ter", "ten", "ben", "bint", "abu",
)  # fmt: skip

ORG_SUFFIXES = (
    "Inc", "Inc.", "Incorporated", "LLC", "L.L.C.", "LLP", "L.L.P.", "LP", "Corp", "Corp.",
    "Corporation", "Co", "Co.", "Company", "Ltd", "Ltd.", "Limited", "PLC", "PC", "P.C.",
    "PLLC", "GmbH", "S.A.", "AG", "NV", "Group", "Holdings", "Foundation", "Associates",
    "Partners", "Bank", "Hospital", "Medical Center", "University", "College", "School",
    "Academy", "Institute", "Church", "Synagogue", "Mosque", "Temple", "Services", "Agency",
    "Bureau", "Authority", "Commission", "Council", "Center", "Centre", "Clinic", "Pharmacy",
    "Society", "Association", "Alliance", "Coalition", "Union", "Fund", "Trust", "Library",
    "Museum", "Systems", "Solutions", "Technologies", "Technology", "Industries",
    "Enterprises", "International", "Consulting", "Capital", "Ventures", "Labs", "Media",
    "Communications", "Logistics", "Insurance", "Realty", "Properties", "Management",
    "Construction", "Restaurant", "Cafe", "Café", "Bakery", "Deli", "Market", "Supermarket",
    "Laundromat", "Salon", "Studio", "Studios", "Press", "Network", "Department", "Office",
    "Board", "Committee", "Administration", "Ministry", "Sons", "Brothers", "& Sons",
    "and Sons", "Law Firm", "LLC.", "Cooperative", "Credit Union", "Health", "Healthcare",
    "Care", "Home Care", "Daycare", "Nursing Home", "Shelter", "Houses",
)  # fmt: skip

ORG_HEADS = (
    "University", "Bank", "Department", "Office", "Bureau", "Board", "Church", "Museum",
    "Institute", "College", "School", "Academy", "Council", "Commission", "Society",
    "Association", "Ministry", "Administration", "Division", "Hospital", "Center",
    "League", "Federation", "Order", "Friends", "Children's Aid Society",
)  # fmt: skip

PLACE_WORDS = (
    "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Place", "Pl",
    "Lane", "Ln", "Drive", "Court", "Ct", "Terrace", "Ter", "Parkway", "Pkwy", "Highway",
    "Hwy", "Expressway", "Expy", "Turnpike", "Square", "Sq", "Plaza", "Heights", "Hills",
    "Hill", "Park", "Gardens", "Garden", "Village", "Beach", "Island", "Point", "Bay",
    "Harbor", "River", "Lake", "County", "City", "Town", "Township", "Valley", "Falls",
    "Springs", "Station", "Bridge", "Tunnel", "Towers", "Tower", "Estates", "Creek", "Neck",
    "Manor", "Ridge", "Junction", "Mall", "Airport", "Terminal", "Pier", "Port", "Way",
    "Loop", "Oval", "Slip", "Alley", "Row", "Walk", "Circle", "Cir", "Yards", "Meadows",
    "Woods", "Forest", "Ocean", "Sound", "Channel",
)  # fmt: skip

BLOCKERS = frozenset(w.lower().rstrip(".") for w in (*ORG_SUFFIXES, *PLACE_WORDS) if " " not in w)
"""Lower-case words that make a capitalized run an organization or a place."""

ENGLISH_SUFFIXES = (
    "ly", "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ous", "ive", "ful", "less",
    "able", "ible", "ship", "ance", "ence", "ism", "ist", "ize", "ise", "ary", "ory", "ure",
    "ical", "ward", "wards", "day", "ics", "ial",
)  # fmt: skip

TRIGGERS = frozenset(
    (
        "client", "patient", "tenant", "applicant", "mother", "father", "son", "daughter",
        "named", "called", "witness", "respondent", "petitioner", "caseworker", "husband",
        "wife", "spouse", "partner", "boyfriend", "girlfriend", "child", "brother", "sister",
        "grandmother", "grandfather", "grandson", "granddaughter", "aunt", "uncle", "cousin",
        "niece", "nephew", "friend", "neighbor", "landlord", "landlady", "supervisor",
        "employee", "student", "defendant", "plaintiff", "victim", "suspect", "complainant",
        "participant", "caller", "guardian", "parent", "resident", "member", "worker",
        "name", "name is", "my name is", "full name", "his name is", "her name is",
        "i am", "i'm", "this is", "dear", "hi", "hello", "signed", "signed by", "spoke with",
        "met with", "talked to", "talked with", "spoke to", "referred by", "submitted by",
        "prepared by", "reviewed by", "assisted by", "interviewed", "contact", "attn",
        "c/o", "cc", "regards", "sincerely", "thanks", "mr", "mrs", "ms", "dr",
        "baby", "infant", "minor", "adult", "roommate", "household member", "head of household",
        "emergency contact", "beneficiary", "recipient", "sender", "author", "by",
    )
)  # fmt: skip
"""Words that, right before a capitalized run, say it is a person's name."""

PERSON_CONTEXT = (
    "client", "patient", "tenant", "applicant", "mother", "father", "son", "daughter",
    "named", "name", "called", "signed", "spoke with", "met with", "caseworker", "witness",
    "respondent", "petitioner", "husband", "wife", "child", "brother", "sister", "mr",
    "mrs", "ms", "dr", "dear", "said", "says", "told", "stated", "reported", "born", "dob",
    "age", "years old", "lives", "resides", "his", "her", "he", "she", "contact", "friend",
    "neighbor", "landlord", "employee", "student", "defendant", "victim", "i am", "i'm",
)  # fmt: skip
"""Words anywhere near a candidate that make a name more likely."""
