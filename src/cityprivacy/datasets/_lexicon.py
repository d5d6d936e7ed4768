"""Word lists the synthetic city data is drawn from, written by hand for this package.

Names come from many origins on purpose (Latin American, Caribbean, West African, South
and East Asian, Arabic, Slavic, Jewish, Irish, Italian, African American), because a
detector tuned on one naming tradition fails the city's residents with another. Every
person, street number and account the generator makes from these lists is fictitious.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LEXICON", "Lexicon"]

# The lists read better packed than one word per line.
# fmt: off
FIRST_NAMES = (
    # Latin American and Caribbean
    "Maria", "José", "Guadalupe", "Yesenia", "Luis", "Marisol", "Ramón", "Xiomara", "Wilfredo",
    "Altagracia", "Yadira", "Héctor", "Dulce", "Julio", "Nayeli", "Esperanza",
    # Haitian and francophone
    "Jean-Baptiste", "Mirlande", "Wislande", "Fritznel", "Nadège", "Pierre",
    # West African
    "Oluwaseun", "Chinonso", "Aminata", "Kwame", "Fatoumata", "Ibrahima", "Adaeze", "Kofi",
    # South Asian
    "Priya", "Rahul", "Farhana", "Mohammed", "Anjali", "Sandeep", "Tahmina", "Gurpreet",
    # East and Southeast Asian
    "Wei", "Mei Ling", "Jia Hui", "Hyun-woo", "Min-ji", "Thanh", "Bao", "Yuki", "Hiroshi",
    # Arabic and Central Asian
    "Fatima", "Omar", "Layla", "Youssef", "Nodira", "Bakhtiyor",
    # Slavic, Jewish, European
    "Svetlana", "Dmitri", "Agnieszka", "Tomasz", "Chaya", "Yitzchak", "Malka", "Siobhan",
    "Declan", "Giuseppina", "Vincenzo", "Eleni",
    # African American and general US
    "Keisha", "DeShawn", "Tamika", "Jamal", "Shaniqua", "Tyrone", "Ashley", "Michael",
    "Jennifer", "Christopher", "Brittany", "Kevin", "Patricia", "Robert", "Grace", "Will",
)

LAST_NAMES = (
    "Gonzalez", "Rodríguez", "Peña", "Santiago", "Reyes", "Batista", "Villanueva", "Ortiz",
    "Pérez-Ramos", "De la Cruz", "Cabrera", "Morales",
    "Joseph", "Pierre-Louis", "Charles", "Baptiste", "Désir",
    "Okonkwo", "Adeyemi", "Diallo", "Mensah", "Traoré", "Nwosu", "Owusu",
    "Chowdhury", "Rahman", "Patel", "Singh", "Krishnamurthy", "Begum",
    "Chen", "Wong", "Nguyen", "Kim", "Park", "Tanaka", "Li", "Huang",
    "Haddad", "Al-Sayed", "Karimov", "Mansour",
    "Kowalski", "Ivanova", "Goldberg", "Friedman", "Rabinowitz", "O'Brien", "McCarthy",
    "Esposito", "Russo", "Papadopoulos",
    "Washington", "Jackson", "Johnson", "Williams", "Brown", "Jefferson", "Robinson", "Lincoln",
    "Smith", "Davis",
)

TITLES = ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Sgt.", "Officer", "Rev.", "Mr", "Ms")

# Streets, several named after people: the hard negative for the name recognizers.
STREETS = (
    "Jackson Ave", "Nostrand Avenue", "Fulton St", "Grand Concourse", "Flatbush Ave",
    "Roosevelt Avenue", "Lenox Ave", "Broadway", "Amsterdam Avenue", "Bedford Ave",
    "Morris Ave", "Jerome Avenue", "Kingsbridge Rd", "Hillside Avenue", "Victory Blvd",
    "Washington Ave", "Lincoln Pl", "Malcolm X Blvd", "Frederick Douglass Blvd",
    "Adam Clayton Powell Jr Blvd", "Utica Ave", "Main Street", "Westchester Ave",
    "St. Nicholas Ave", "Hylan Blvd", "Ocean Pkwy", "E 149th St", "W 125th Street",
    "Dr. Martin Luther King Jr. Blvd", "Myrtle Ave", "Pitkin Ave", "Castle Hill Ave",
)
UNITS = ("Apt 4B", "Apt. 12C", "#3F", "Unit 2", "Fl 2", "Apt 1R", "Apartment 6D", "Rm 210")
BOROUGHS = ("Brooklyn", "Bronx", "Queens", "Manhattan", "Staten Island")
BOROUGH_ZIPS = {
    "Manhattan": ("10002", "10025", "10027", "10029", "10031", "10035", "10040"),
    "Bronx": ("10451", "10453", "10456", "10457", "10462", "10467", "10473"),
    "Brooklyn": ("11207", "11212", "11216", "11221", "11226", "11233", "11236"),
    "Queens": ("11354", "11368", "11372", "11373", "11385", "11412", "11434"),
    "Staten Island": ("10301", "10303", "10304", "10310", "10314"),
}
NEIGHBORHOODS = (
    "Washington Heights", "Jackson Heights", "Morris Park", "Bushwick", "East New York",
    "Flushing", "Mott Haven", "Sunset Park", "Corona", "Harlem", "Canarsie", "Jamaica",
    "Brownsville", "Elmhurst", "Port Richmond", "Crown Heights", "Stuyvesant Town",
)
PLACES = (
    "New York City", "Newark", "Yonkers", "White Plains", "Long Island", "Westchester",
    "New Jersey", "Philadelphia", "Albany", "Florida", "Connecticut", "Boston", "Atlanta",
)
COUNTRIES = (
    "Ecuador", "the Dominican Republic", "Haiti", "Bangladesh", "Mexico", "Nigeria", "China",
    "Guyana", "Jamaica", "Ghana", "Senegal", "Uzbekistan", "Yemen", "Poland", "Ukraine",
    "Venezuela", "Honduras", "Trinidad", "Pakistan", "Guinea", "Colombia", "Burkina Faso",
)
NATIONALITIES = (
    "Ecuadorian", "Dominican", "Haitian", "Bangladeshi", "Mexican", "Nigerian", "Chinese",
    "Guyanese", "Jamaican", "Ghanaian", "Senegalese", "Uzbek", "Yemeni", "Polish",
    "Ukrainian", "Venezuelan", "Honduran", "Pakistani", "Colombian", "Salvadoran",
)
LANGUAGES = (
    "Spanish", "Haitian Creole", "Bengali", "Mandarin", "Cantonese", "Russian", "Arabic",
    "Urdu", "French", "Wolof", "Polish", "Korean", "Yiddish", "Fulani", "Uzbek", "Punjabi",
    "American Sign Language", "Tagalog", "Twi",
)
RELIGIONS = (
    "Muslim", "Catholic", "Orthodox Jewish", "Pentecostal", "Hindu", "Sikh", "Buddhist",
    "Jehovah's Witness", "Baptist", "Seventh-day Adventist", "Greek Orthodox", "Jewish",
)
RACES = (
    "Black", "Hispanic", "Latina", "Latino", "Asian", "White", "African American",
    "Native American", "Pacific Islander", "Afro-Caribbean", "South Asian", "multiracial",
)
IMMIGRATION = (
    "undocumented", "a green card holder", "an asylum seeker", "a DACA recipient",
    "a lawful permanent resident", "a naturalized citizen", "a refugee", "TPS holder",
    "out of status", "a U.S. citizen", "a pending asylum applicant",
)
ASSISTANCE = (
    "SNAP", "SNAP benefits", "Cash Assistance", "Medicaid", "WIC", "a Section 8 voucher",
    "CityFHEPS", "public assistance", "SSI", "food stamps", "HEAP", "Fair Fares",
    "a FHEPS rental supplement", "emergency shelter placement",
)
CRIMINAL = (
    "a prior felony conviction", "a 2019 arrest", "a parole violation", "a misdemeanor conviction",
    "an open criminal case", "a prior arrest for shoplifting", "a conviction for assault",
    "a criminal record", "a prior drug conviction", "an arrest record",
)
VICTIM = (
    "a domestic violence survivor", "a victim of domestic violence", "a sexual assault survivor",
    "a crime victim", "a witness to the shooting", "a victim of trafficking",
    "a survivor of intimate partner violence",
)
ORIENTATION = ("gay", "lesbian", "bisexual", "queer", "heterosexual", "pansexual")
GENDER = (
    "transgender", "a transgender woman", "a trans man", "non-binary", "genderqueer",
    "gender non-conforming", "two-spirit",
)
MARITAL = (
    "married", "divorced", "widowed", "separated", "single", "in a domestic partnership",
    "engaged", "a single mother",
)
EMPLOYMENT = (
    "unemployed", "employed part-time", "self-employed", "laid off", "retired",
    "working full-time", "out of work", "on disability leave", "a day laborer",
)
EMPLOYERS = (
    "Key Food", "Mount Sinai Hospital", "Con Edison", "Amazon", "the MTA", "CVS Pharmacy",
    "Montefiore", "Target", "Home Depot", "Rite Aid", "NYU Langone", "JetBlue",
    "Brooklyn Navy Yard Development Corp", "a Dunkin' franchise",
)
# Organizations whose names contain surnames: they must not come back as PERSON.
SURNAME_ORGS = (
    "Goldberg & Sons Plumbing", "Johnson Controls", "Lenox Hill Hospital", "Morgan Stanley",
    "Jacobi Medical Center", "Kings County Hospital", "Patel Brothers", "Wong Kee Bakery",
    "Rabinowitz Kosher Deli", "Washington Mutual", "Lincoln Medical Center", "McDonald's",
    "Esposito Pork Store", "Brown Harris Stevens",
)
DOMAINS = ("example.org", "example.com", "mail.example.org", "example.net")
SOCIAL_SITES = ("instagram.com", "facebook.com", "twitter.com", "tiktok.com", "x.com")
SOCIAL_NAMES = ("Instagram", "Facebook", "TikTok", "Twitter", "X", "IG")
URL_PATHS = (
    "docs/lease.pdf", "forms/intake?id=88", "portal/login", "upload/paystub.jpg",
    "gofundme/help-family", "share/album/2024",
)

# fmt: on


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The lists the generator draws from. Benchmarks may swap in larger name lists."""

    first_names: tuple[str, ...] = FIRST_NAMES
    last_names: tuple[str, ...] = LAST_NAMES


DEFAULT_LEXICON = Lexicon()
