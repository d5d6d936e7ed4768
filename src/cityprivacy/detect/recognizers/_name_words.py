"""Word lists shared by the PERSON, ORGANIZATION and LOCATION recognizers.

Small and hand-written, so they live in code rather than in lexicon files: titles before
a name, particles inside one, the words that make a capitalized run an organization or a
place instead of a person, and the context words that say "a person is named here".
"""

from __future__ import annotations

__all__ = [
    "BLOCKERS",
    "ENGLISH_SUFFIXES",
    "HONORIFICS",
    "ORG_HEADS",
    "ORG_PREFIXES",
    "ORG_SUFFIXES",
    "PARTICLES",
    "PERSON_CONTEXT",
    "PERSON_SUFFIXES",
    "PLACE_HEADS",
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
    "Ind", "Sir", "Dame", "Lord", "Lady", "Herr", "Frau", "Dott", "Dott.ssa", "Dr.ssa",
    "Sig", "Sig.ra", "Sig.na", "Sigra", "Pan", "Pani", "pan", "pani", "Dra", "Lic", "Ing",
    "Mtro", "Mtra", "Mgr", "Univ.Prof", "Dipl.-Ing", "Doç", "Sr(a)", "Sayın", "Bay", "Bayan",
    "Dhr", "Mevr", "Mevrouw", "Heer", "Sheikh", "Shri", "Smt", "Kumari", "Ustaz", "Hajji",
    "Monsieur", "Madame", "Mademoiselle", "Signor", "Signora", "Signorina", "Dottore",
    "Dottoressa", "Avv", "Engr", "Atty",
    "MISS", "SIR", "DAME", "LORD", "LADY", "HERR", "FRAU", "MME", "MLLE",
)  # fmt: skip
"""Words and abbreviations before a name (a period after an abbreviation is optional)."""

HONORIFICS = frozenset(
    (
        "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "rev", "sgt", "det", "lt", "capt",
        "hon", "ind", "sir", "dame", "lord", "lady", "herr", "frau", "dott", "dott.ssa",
        "dr.ssa", "sig", "sig.ra", "sig.na", "pan", "pani", "dra", "lic", "ing", "mtro",
        "mtra", "mgr", "univ.prof", "dipl.-ing", "doç", "sr", "sra", "srta", "sr(a)", "mme",
        "mlle", "madame", "monsieur", "signor", "signora", "señor", "señora", "senor",
        "senora", "dhr", "mevr", "sayın", "bay", "bayan", "shri", "smt",
    )
)  # fmt: skip
"""Titles after which the next capitalized word is a surname even if it is also an ordinary
word (``Ms. Young``, ``Dr. Price``, ``Mr Woods``)."""

PERSON_SUFFIXES = (
    "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "V", "PhD", "Ph.D.", "MD", "M.D.", "DDS",
    "D.D.S.", "DVM", "DMD", "Esq", "Esq.", "RN", "LCSW", "CPA", "MBA", "JD", "B.A.", "B.Sc.",
    "M.A.", "M.Sc.", "BSc", "MSc",
)  # fmt: skip
"""Generational and degree suffixes that belong to the name before them."""

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
    # international legal forms
    "SpA", "S.p.A.", "SPA", "S.r.l.", "s.r.l.", "Srl", "SRL", "S.R.L.", "SARL", "S.A.R.L.",
    "S.A.S.", "SA", "S.A", "S.L.", "S.L", "S.L.N.E", "S.Coop.", "S.C.", "S.A. de C.V.",
    "S. de R.L.", "A.C.", "Ltda", "Ltda.", "EIRELI", "KG", "GbR", "OHG", "e.V.",
    "e.G.", "eG", "mbH", "AG & Co. KG", "GmbH & Co. KG", "B.V.", "BV", "N.V.", "V.O.F.",
    "Sp. z o.o.", "Sp.j.", "Sp.k.", "S.A.", "s.c.", "a.s.", "s.r.o.", "v.o.s.", "k.s.",
    "A.Ş.", "Ltd. Şti.", "Şti.", "ASA", "A/S", "ApS", "Oy", "Pty", "Pty Ltd",
    "Pvt Ltd", "Pvt. Ltd.", "Private Limited", "Ltd. Co.", "e Hijos", "e hijos",
    "e figli", "e Filhos", "y Asociados", "& Asociados", "Hnos", "Hermanos", "Groep",
    "Stichting", "Grupa", "Fundacja", "S/A", "- EI", "- ME", "i syn", "i Syn", "i wspólnicy",
)  # fmt: skip

ORG_HEADS = (
    "University", "Bank", "Department", "Office", "Bureau", "Board", "Church", "Museum",
    "Institute", "College", "School", "Academy", "Council", "Commission", "Society",
    "Association", "Ministry", "Administration", "Division", "Hospital", "Center",
    "League", "Federation", "Order", "Friends", "Children's Aid Society",
)  # fmt: skip

ORG_PREFIXES = (
    "Grupo", "Gruppo", "Groupe", "Grupa", "Industrias", "Laboratorios", "Consultoría",
    "Consultoria", "Proyectos", "Comercial", "Corporación", "Inversiones", "Distribuciones",
    "Construcciones", "Transportes", "Servicios", "Soluciones", "Tecnologías", "Banca",
    "Banco", "Fundación", "Fundacja", "Stichting", "Société", "Societe", "Companhia",
    "Spółdzielnia", "Firma", "Studio", "Koninklijke", "Stowarzyszenie", "PPUH", "PHU", "FHU",
)  # fmt: skip
"""Words that start an organization's name in several languages (``Grupo Herrera``)."""

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

PLACE_HEADS = frozenset(
    (
        "san", "santa", "santo", "sao", "saint", "sainte", "st", "castel", "castello", "porto",
        "puerto", "villa", "monte", "bad", "nowy", "nowa", "stary", "stara", "koninklijke",
        "aeroporto", "estacao", "area", "borgo", "via", "rua", "calle", "avenida", "ciudad",
        "vila", "fazenda", "colonia", "fort", "port", "mount", "lake", "north", "south",
        "east", "west", "new",
    )
)  # fmt: skip
"""Words that start a place (or a place-named organization), never a person's given name."""

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
        "thank you", "best regards", "kind regards", "warm regards", "regards",
        "cheers", "yours", "yours truly", "love", "sent from my phone", "sent from my iphone",
        "attendees", "attendee", "signature", "contact person", "addressed to",
        "forward this to",
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
