"""Regex pieces the address and ZIP code recognizers share: US states and the New York
City boroughs and neighborhoods that stand before a ZIP code or end an address."""

from __future__ import annotations

__all__ = ["ANY_CASE_PLACE", "KNOWN_PLACE", "STATE"]

_STATE_ABBR = tuple(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV"  # noqa: SIM905 - a word list reads better as words
    " NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    "|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts"
    "|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey"
    "|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania"
    "|Puerto Rico|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont"
    "|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia"
).replace(" ", r"[ \t]+")
STATE = rf"(?:{'|'.join(_STATE_ABBR)}|N\.Y\.|N\.J\.|(?=[A-Z])(?i:{_STATE_NAMES}))(?![A-Za-z])"
_BOROUGHS_AND_NEIGHBORHOODS = (
    "Manhattan|Bronx|Brooklyn|Queens|Staten Island|New York City|New York|NYC|Harlem|East Harlem"
    "|Washington Heights|Inwood|Chelsea|Tribeca|SoHo|Chinatown|Lower East Side|East Village"
    "|West Village|Greenwich Village|Upper West Side|Upper East Side|Midtown|Hell's Kitchen"
    "|Murray Hill|Yorkville|Astoria|Long Island City|Sunnyside|Woodside|Jackson Heights"
    "|Elmhurst|Corona|Flushing|Forest Hills|Rego Park|Kew Gardens|Jamaica|Hollis|Queens Village"
    "|Ridgewood|Maspeth|Howard Beach|Ozone Park|Richmond Hill|Far Rockaway|Rockaway Park"
    "|Bayside|Whitestone|College Point|Fresh Meadows|St\\. Albans|Cambria Heights|Springfield"
    " Gardens|Williamsburg|Greenpoint|Bushwick|Bedford-Stuyvesant|Bed-Stuy|Crown Heights"
    "|Flatbush|East Flatbush|Brownsville|East New York|Canarsie|Sunset Park|Bay Ridge"
    "|Bensonhurst|Borough Park|Coney Island|Brighton Beach|Sheepshead Bay|Park Slope"
    "|Red Hook|Fort Greene|Clinton Hill|Mott Haven|Hunts Point|Morrisania|Fordham|Riverdale"
    "|Kingsbridge|Co-op City|Soundview|Parkchester|Pelham Bay|Throggs Neck|Tremont"
    "|Highbridge|Concourse|Belmont|Wakefield|Tottenville|St\\. George|Stapleton"
    "|Port Richmond|New Dorp|Great Kills|Mariners Harbor|Yonkers|Mount Vernon|Hempstead"
).replace(" ", r"[ \t]+")
# Capitalized or in capitals ("Staten Island", "STATEN ISLAND"), never lower case.
KNOWN_PLACE = rf"(?:(?i:the)[ \t]+)?(?=[A-Z])(?i:{_BOROUGHS_AND_NEIGHBORHOODS})(?![A-Za-z])"
# In any case, for addresses typed all in lower case ("12 oak st, bronx, ny 10451").
ANY_CASE_PLACE = rf"(?i:(?:the[ \t]+)?(?:{_BOROUGHS_AND_NEIGHBORHOODS}))(?![A-Za-z])"
