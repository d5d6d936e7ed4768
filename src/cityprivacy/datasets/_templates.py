"""Sentence templates, by writing style, that the corpus generator fills with slot values.

``{SLOT}`` names a slot of :mod:`cityprivacy.datasets._slots`. The words around a slot are
the context a reader (and a recognizer) relies on: "DOB" before a date makes it a birth
date, "order no." before nine digits makes them not an SSN. Templates are varied on
purpose: notes, emails, intake forms, chat messages and record lines each read
differently, so a detector cannot pass by learning one sentence.

``<text>`` marks neutral text: named things that are not identifying information (city
agencies, platforms). A detector is neither rewarded nor penalised for reporting them.
"""

from __future__ import annotations

__all__ = ["EMAIL_GREETINGS", "EMAIL_SIGNATURES", "FORM_FIELDS", "TEMPLATES"]

NOTES = (
    "Client {PERSON} came to the <HRA Job Center> on {DATE} to recertify for {PA}.",
    "Worker met with {TPERSON} at the <DHS> intake office; client is {IMMIG} and speaks {LANG}.",
    "{FIRST} reports she is {MARITAL} and {EMPLOY} since the store closed.",
    "<ACS> caseworker visited the home at {ADDRESS} on {DATE} at {TIME}.",
    "Mother states that the father has {CRIM} and was released from <DOC> custody on {RELEASE}.",
    "Client is {VICTIM}; safety plan reviewed, new address kept confidential.",
    "<NYCHA> tenant {PERSON}, DOB {DOB}, requested a transfer to {BOROUGH}.",
    "SSN {SSN} verified against the benefits file; <Medicaid> CIN {CIN} is active.",
    "Client identifies as {GENDER} and {ORIENT}; asked that pronouns be noted in the file.",
    "Per client, she is {RACE} and {RELIGION}, born in {COUNTRY}, and prefers {LANG}.",
    "{PERSON} ({AGE}) was referred by {ORG_SURNAME} for a <food pantry> referral.",
    "Client works at {ORG} and was {EMPLOY} last month; income letter requested.",
    "Youth's OSIS number {OSIS} was used to request school records from the <DOE>.",
    "Hospital MRN {MRN} noted on the discharge summary dated {DATE}.",
    "Case No. {CASE} was transferred to the {BOROUGH} field office on {DATE}.",
    "Client's phone {PHONE} is disconnected; left a message at the alternate number {PHONE}.",
    "Spoke with landlord {TPERSON} about arrears of {NEG_AMOUNT} at the {HOOD} building.",
    "Client was {AGE} when she arrived from {COUNTRY} and is now {IMMIG}.",
    "Worker observed the child appears well; height and weight recorded as {HW}.",
    "Father is {NAT} and <does not speak English>; interpreter in {LANG} was provided.",
    "Client was released from <NYPD> custody on {RELEASE} and reported to the <shelter> in {HOOD}.",
    "Followed up with {ORG_SURNAME} on {DATE}; no response yet to the referral.",
    "Client filed the fair hearing request on {DATE}; hearing scheduled for {DATE} at {TIME}.",
    "The family shops at the {BLACK_FRIDAY} sales and received {PA} last year.",
    "Client moved from {PLACE} to {HOOD} and now lives at {ADDRESS}.",
    "Program version {NEG_VERSION} froze during intake; {NEG_ORDER} was used to reorder forms.",
    "She lists her birthday as {DOB} and her spouse is {PERSON}.",
    "Client states she is {AGE}, {MARITAL}, and {RACE}.",
    "Client's bank account {BANK} at routing number {ABA} receives the direct deposit.",
    "Landlord's {NEG_TRACKING} is unrelated to the client's file.",
)

EMAIL_GREETINGS = (
    "Hi {FIRST},",
    "Dear {TPERSON},",
    "Good morning {TPERSON},",
    "To whom it may concern,",
)
EMAILS = (
    "Thanks for sending the lease. Please call me at {PHONE} before {DATE}.",
    "Your appointment at the <ACS> office is on {DATE} at {TIME}.",
    "This is {PERSON} from {ORG}. You can reach me at {EMAIL} or {PHONE}.",
    "Please update my mailing address to {ADDRESS}. My client ID is {CASE}.",
    "I uploaded the paystub to {URL} and the lease to {URL}.",
    "My daughter's student ID (OSIS) is {OSIS} and her school is in {BOROUGH}.",
    "Please stop sending mail to my old email; the new one is {EMAIL}.",
    "You can find me on {SOCIAL}, that is the fastest way to reach me.",
    "The refund should go to IBAN {IBAN}, which is my account back home.",
    "I paid with my card {CARD} but the receipt shows {NEG_CARD} instead.",
    "My son {FIRST} is {AGE} and {ARREST}; he has {CRIM}.",
    "Attached is the passport page, passport number {PASSPORT}, expiring {DATE}.",
)
EMAIL_SIGNATURES = (
    "Best,\n{PERSON}\nCase Manager, {ORG_SURNAME}\n{PHONE} | {EMAIL}",
    "Regards,\n{TPERSON}\n<NYCHA Property Management>, {HOOD}",
    "Thank you,\n{PERSON}",
    "Sent from my phone\n{FIRST}",
)

CHATS = (
    "hi my name is {PERSON} and i need help with {PA}",
    "my ssn is {SSN} can u check my case",
    "call me {PHONE} after {TIME} pls",
    "i live in {HOOD} near {ADDRESS}",
    "im {AGE} and {EMPLOY}, do i qualify for {PA}?",
    "my dob is {DOB}",
    "my email {EMAIL}",
    "the car is a honda, plate {PLATE}, it got towed on {DATE}",
    "i am {IMMIG}, will this affect my {PA}?",
    "my wifi router mac address is {MAC} and my ip is {IP}",
    "phone imei {IMEI} was stolen, police report filed",
    "lol my {NEG_ORDER} still hasnt shipped",
    "speak {LANG} only please, my son {FIRST} can translate",
    "{ORG_SURNAME} fired me, i am {EMPLOY} now",
)

RECORDS = (
    "{RECNAME}  DOB {DOB}  SSN {SSN}  PH {PHONE}",
    "{RECNAME} | CIN {CIN} | {ADDRESS}",
    "{RECNAME}\tdob: {DOB}\tzip: {ZIP}\tlang: {LANG}",
    "CASE# {CASE}  CLIENT {RECNAME}  OPENED {DATE}",
    "{RECNAME}  MRN {MRN}  ADMIT {DATE}  AGE {AGE}",
    "VEH: VIN {VIN}  PLATE {PLATE}  OWNER {RECNAME}",
    "DEVICE LOG {DATE} {TIME}  IP {IP}  MAC {MAC}  IMEI {IMEI}",
    "{RECNAME}  ITIN {ITIN}  EMPLOYER {ORG}",
    "PARCEL BBL {BBL}  OWNER {RECNAME}  LOC {GPS}",
    "{RECNAME}  DL# {DL}  EXP {DATE}",
    "{RECNAME}  PASSPORT NO. {PASSPORT}  COUNTRY OF BIRTH {COUNTRY}",
)

# Intake-form fields: (label, slot). A form is several of these, one per line.
FORM_FIELDS = (
    ("Name", "PERSON"), ("Full name", "PERSON"), ("Date of birth", "DOB"), ("DOB", "DOB"),
    ("SSN", "SSN"), ("Social Security #", "SSN"), ("Phone", "PHONE"), ("Cell", "PHONE"),
    ("Email", "EMAIL"), ("Address", "ADDRESS"), ("Home address", "ADDRESS"), ("ZIP", "ZIP"),
    ("Borough", "BOROUGH"), ("Primary language", "LANG"), ("Race/ethnicity", "RACE"),
    ("Religion", "RELIGION"), ("Marital status", "MARITAL"), ("Employment", "EMPLOY"),
    ("Employer", "ORG"), ("Immigration status", "IMMIG"), ("Benefits received", "PA"),
    ("<Medicaid> CIN", "CIN"), ("Driver's license no.", "DL"), ("Passport number", "PASSPORT"),
    ("Bank account #", "BANK"), ("Routing number", "ABA"), ("Credit card", "CARD"),
    ("Vehicle plate", "PLATE"), ("VIN", "VIN"), ("Country of birth", "COUNTRY"),
    ("Nationality", "NAT"), ("Gender identity", "GENDER"), ("Sexual orientation", "ORIENT"),
    ("Age", "AGE"), ("Height/weight", "HW"), ("Date of visit", "DATE"), ("Case number", "CASE"),
    ("MRN", "MRN"), ("Criminal history", "CRIM"), ("DV screening", "VICTIM"),
    ("Released from custody", "RELEASE"), ("Taxpayer ID (ITIN)", "ITIN"), ("IBAN", "IBAN"),
    ("Website", "URL"), ("Social media", "SOCIAL"), ("Device IMEI", "IMEI"),
    ("Lot (BBL)", "BBL"), ("Location (GPS)", "GPS"), ("Last login IP", "IP"),
    ("Student OSIS", "OSIS"), ("Order reference", "NEG_ORDER"), ("Portal build", "NEG_VERSION"),
)  # fmt: skip

TEMPLATES: dict[str, tuple[str, ...]] = {
    "note": NOTES,
    "email": EMAILS,
    "chat": CHATS,
    "record": RECORDS,
}
