"""Words the extraction rules know, per language: language data, not phrases of particular articles.

English ("en") and Spanish ("es"). Everything is lower case; the rules match case-insensitively.
"""

from __future__ import annotations

MONTHS = {
    "en": {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
           "september": 9, "october": 10, "november": 11, "december": 12,
           "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12},
    "es": {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
           "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
           "ene": 1, "feb": 2, "abr": 4, "jul": 7, "ago": 8, "sept": 9, "oct": 10, "nov": 11, "dic": 12},
}

WEEKDAYS = {   # Monday = 0, as date.weekday()
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    "es": {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
           "sabado": 5, "domingo": 6},
}

# Day words: offset from the day they are counted from (the publication date).
DAY_WORDS = {
    "en": {"today": 0, "yesterday": -1, "tomorrow": 1},
    "es": {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2},
}

# Time units: a number before one is a duration, not a quantity; "N days ago" is a date.
TIME_UNITS = {
    "en": {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
           "months", "year", "years", "decade", "decades", "century", "centuries", "night", "nights"},
    "es": {"segundo", "segundos", "minuto", "minutos", "hora", "horas", "día", "días", "dia", "dias", "semana",
           "semanas", "mes", "meses", "año", "años", "década", "décadas", "siglo", "siglos", "noche", "noches"},
}
DAY_UNITS = {"en": {"day": 1, "days": 1, "week": 7, "weeks": 7},
             "es": {"día": 1, "días": 1, "dia": 1, "dias": 1, "semana": 7, "semanas": 7}}

# Qualifier phrases before a number, with the label they stand for (longest first when matched).
QUALIFIERS = {
    "en": {"at least": "at least", "a minimum of": "at least", "no fewer than": "at least",
           "no less than": "at least", "more than": "more than", "over": "more than", "upwards of": "more than",
           "in excess of": "more than", "approximately": "approximately", "about": "approximately",
           "around": "approximately", "roughly": "approximately", "some": "approximately",
           "an estimated": "approximately", "estimated": "approximately", "approx.": "approximately",
           "nearly": "nearly", "almost": "nearly", "close to": "nearly", "up to": "up to", "as many as": "up to",
           "less than": "less than", "fewer than": "less than", "under": "less than", "at most": "up to"},
    "es": {"al menos": "at least", "por lo menos": "at least", "como mínimo": "at least",
           "como minimo": "at least", "más de": "more than", "mas de": "more than",
           "aproximadamente": "approximately", "alrededor de": "approximately", "cerca de": "nearly",
           "unos": "approximately", "unas": "approximately", "unos aproximadamente": "approximately",
           "casi": "nearly", "hasta": "up to", "menos de": "less than", "un estimado de": "approximately"},
}

# Words that end the search for a quantity's noun (function words, auxiliaries, prepositions).
STOP_WORDS = {
    "en": {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "that", "which", "who",
           "were", "was", "are", "is", "be", "been", "being", "have", "has", "had", "will", "would", "could",
           "the", "a", "an", "this", "these", "those", "it", "they", "he", "she", "as", "than", "since", "after",
           "before", "during", "into", "onto", "off", "near", "while", "said", "says", "more", "other", "others"},
    "es": {"de", "del", "en", "a", "al", "con", "por", "para", "y", "e", "o", "u", "que", "quien", "quienes",
           "fueron", "fue", "son", "es", "ser", "han", "ha", "había", "habían", "será", "serán", "el", "la",
           "los", "las", "lo", "un", "una", "se", "como", "desde", "tras", "durante", "hacia", "entre", "sin",
           "sobre", "más", "otros", "otras"},
}

# Plural nouns that do not end in -s.
IRREGULAR_PLURALS = {"people", "personnel", "men", "women", "children", "police", "staff", "crew", "aircraft",
                     "militia", "troops", "fish", "sheep", "dead", "wounded", "injured", "missing"}

# A number right after one of these is a designation, not a count ("section 219", "artículo 187").
# Names with a number in them ("Plan República 2030", "Public Notice 12869") are caught by the
# capitalised word before the number and by the shape of codes (quantities.py), not by listing them.
DESIGNATION_WORDS = {
    "en": {"section", "article", "notice", "document", "file", "no", "no.", "number", "page", "vol", "vol.",
           "chapter", "resolution", "decree", "order", "flight", "route", "highway", "code", "law", "act",
           "title", "item", "case", "room", "unit", "group", "channel", "agenda", "paragraph", "clause",
           "amendment", "bill", "rule", "docket", "gate", "platform", "road", "street", "precinct", "district",
           "batch", "version", "phase", "stage", "category", "model", "type", "series", "edition", "episode",
           "round", "exit", "pier", "berth", "runway", "hangar", "terminal", "km"},
    "es": {"artículo", "articulo", "sección", "seccion", "número", "numero", "núm", "no", "nº", "página",
           "decreto", "resolución", "resolucion", "ley", "expediente", "vuelo", "ruta", "capítulo", "grupo",
           "canal", "agenda", "párrafo", "parrafo", "inciso", "enmienda", "norma", "calle", "avenida", "carretera",
           "kilómetro", "kilometro", "km", "distrito", "fase", "etapa", "nivel", "categoría", "categoria", "clase",
           "modelo", "tipo", "serie", "edición", "edicion", "versión", "version", "puerta", "muelle", "pista",
           "terminal", "ronda"},
}

# Percent and money words after or around a number.
PERCENT_WORDS = {"en": {"percent", "per cent", "%"}, "es": {"por ciento", "%"}}
CURRENCY_WORDS = {"en": {"dollars": "usd", "dollar": "usd", "euros": "eur", "euro": "eur"},
                  "es": {"dólares": "usd", "dolares": "usd", "euros": "eur", "bolívares": "ves"}}
SCALE_WORDS = {"en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "bn": 1e9, "m": 1e6},
               "es": {"mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "mil millones": 1e9}}

# Attribution: verbs of saying (after the speaker) and phrases that open a source (before it).
SAYING_VERBS = {
    "en": {"said", "says", "stated", "told", "reported", "reports", "announced", "confirmed", "claimed",
           "added", "wrote", "noted", "warned", "indicated", "indicate", "indicates", "declared", "acknowledged"},
    "es": {"dijo", "afirmó", "aseguró", "indicó", "informó", "anunció", "confirmó", "declaró", "señaló",
           "explicó", "advirtió", "agregó", "añadió", "sostuvo", "reportó", "denunció", "publicó", "sostienen",
           "dice", "dicen", "afirma", "asegura"},
}
SOURCE_OPENERS = {
    "en": ("according to", "citing", "as reported by", "quoted by"),
    "es": ("según", "de acuerdo con", "citando a", "según informó", "según reportó", "según dijo"),
}
# "reports in X", "sources close to X", "informes de X": a noun of reporting, a preposition, then the source.
REPORT_NOUNS = {
    "en": ("reports", "report", "articles", "article", "stories", "story", "sources", "source", "documents",
           "statements", "statement", "accounts", "figures", "data", "officials"),
    "es": ("informes", "informe", "reportes", "reporte", "artículos", "artículo", "fuentes", "fuente",
           "documentos", "comunicados", "comunicado", "cifras", "datos", "funcionarios"),
}
REPORT_PREPOSITIONS = {
    "en": ("in", "by", "from", "of", "close to", "cited by", "quoted by", "published by", "familiar with",
           "within", "at"),
    "es": ("de", "del", "en", "cercanas a", "cercanos a", "citadas por", "citados por", "publicados por",
           "publicadas por"),
}

# Words for a day counted back or forward from another ("eight days prior", "dos días después").
BEFORE_WORDS = {"en": {"ago", "prior", "before", "earlier"}, "es": {"antes"}}
AFTER_WORDS = {"en": {"later", "after"}, "es": {"después", "despues", "más tarde"}}
