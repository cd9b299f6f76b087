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
    "es": {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "pasado mañana": 2, "mañana": 1},
}
# "mañana" is also "morning": not a day after these words or before "de"/"del" ("esta mañana", "la mañana del
# sábado"; "de madrugada").
MORNING_BEFORE = r"\b(?:la|esta|esa|aquella|cada|toda\s+la|una|media|misma|por\s+la|de\s+la|en\s+la|a\s+la)\s+$"
MORNING_AFTER = r"\s+(?:de|del|siguiente)\b"
# Spanish month abbreviations as wire datelines write them ("SAN JOSÉ, 22 nov (EFE).-", "28 mar (Reuters)").
DATELINE_MONTHS = {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
                   "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12}

# Time units: a number before one is a duration (a quantity of kind "duration"); "N days ago" is a date.
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
           "less than": "less than", "fewer than": "less than", "under": "less than", "at most": "up to",
           "no more than": "up to", "just over": "more than", "just under": "less than", "well over": "more than",
           "slightly more than": "more than", "an approximate": "approximately"},
    "es": {"al menos": "at least", "por lo menos": "at least", "como mínimo": "at least",
           "como minimo": "at least", "más de": "more than", "mas de": "more than",
           "aproximadamente": "approximately", "alrededor de": "approximately", "cerca de": "approximately",
           "unos": "approximately", "unas": "approximately", "unos aproximadamente": "approximately",
           "casi": "nearly", "hasta": "up to", "menos de": "less than", "un estimado de": "approximately",
           "no menos de": "at least", "poco más de": "more than", "poco menos de": "less than",
           "en torno a": "approximately",
           "un máximo de": "up to", "un mínimo de": "at least", "como máximo": "up to"},
}

# Words that end the search for a quantity's noun (function words, auxiliaries, prepositions).
STOP_WORDS = {
    "en": {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "that", "which", "who",
           "were", "was", "are", "is", "be", "been", "being", "have", "has", "had", "will", "would", "could",
           "the", "a", "an", "this", "these", "those", "it", "they", "he", "she", "as", "than", "since", "after",
           "before", "during", "into", "onto", "off", "near", "while", "said", "says", "others", "then", "when",
           "where", "if", "so", "not", "no", "all", "each", "per", "against", "across", "over", "under", "out",
           "up", "down", "about", "through"},
    "es": {"de", "del", "en", "a", "al", "con", "por", "para", "y", "e", "o", "u", "que", "quien", "quienes",
           "fueron", "fue", "son", "es", "ser", "han", "ha", "había", "habían", "será", "serán", "el", "la",
           "los", "las", "lo", "un", "una", "se", "como", "desde", "tras", "durante", "hacia", "entre", "sin",
           "sobre", "más", "otros", "otras", "dentro", "fuera", "cerca", "frente", "junto", "lejos", "ya", "aún",
           "todavía", "solo", "sólo", "también", "tampoco", "no", "ni", "muy", "cuando", "donde", "según", "hasta",
           "contra", "ante", "bajo", "cada", "su", "sus", "le", "les", "nos", "pero", "sino", "aunque", "porque",
           "así", "hoy", "ayer", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas"},
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

# Units of measure written as abbreviations or without a plural -s ("10 km", "5 mph"): a count's noun.
MEASURE_UNITS = {
    "en": {"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "mi", "miles", "mile", "m",
           "metres", "meters", "kg", "kilos", "kilograms", "tonnes", "tons", "lb", "lbs", "pounds", "barrels",
           "bpd", "litres", "liters", "gallons", "hectares", "acres", "knots", "mph", "km/h", "ft", "feet",
           "nautical miles", "mw", "gw"},
    "es": {"km", "kilómetros", "kilometros", "kilómetro", "millas", "milla", "millas náuticas", "metros", "m",
           "kg", "kilos", "kilogramos", "toneladas", "libras", "barriles", "litros", "galones", "hectáreas",
           "hectareas", "nudos", "km/h", "pies", "mw", "gw"},
}

# Words that count people by what happened to them, right after the number ("8 killed", "21 muertos").
PEOPLE_PARTICIPLES = {
    "en": {"killed", "dead", "wounded", "injured", "missing", "detained", "arrested", "rescued", "freed",
           "released", "evacuated", "displaced", "hurt", "captured", "deported", "executed"},
    "es": {"muertos", "muertas", "fallecidos", "fallecidas", "heridos", "heridas", "desaparecidos",
           "desaparecidas", "detenidos", "detenidas", "rescatados", "rescatadas", "arrestados", "liberados",
           "liberadas", "evacuados", "desplazados", "capturados", "deportados", "ejecutados", "asesinados"},
}
# A bare number the verb makes a count of people: "kills 11", "wounding 4", "mató a 3" (before it) and
# "14 were killed", "4 murieron" (after it).
PEOPLE_VERBS = {
    "en": {"kills", "killed", "killing", "kill", "wounding", "wounded", "injuring", "injured", "arresting",
           "arrested", "detaining", "detained", "freeing", "freed", "rescuing", "rescued", "evacuating"},
    "es": {"mata", "matan", "mató", "mataron", "matando", "deja", "dejó", "dejan", "dejando", "hiere", "hirió",
           "hiriendo", "detuvo", "detienen", "liberó", "liberan", "rescató", "rescatan"},
}
PEOPLE_AFTER = {
    "en": r"(?:were|was|are|have\s+been|had\s+been|has\s+been|remain|remained|are\s+still|were\s+later)\s+"
          r"(?:reported\s+|confirmed\s+|also\s+)?(?:killed|dead|wounded|injured|missing|detained|arrested|"
          r"rescued|freed|released|hurt|captured)|died|drowned|survived",
    "es": r"murieron|fallecieron|perdieron\s+la\s+vida|sobrevivieron|desaparecieron|"
          r"(?:resultaron|quedaron|fueron|están|estaban|siguen|permanecen)\s+(?:heridos|heridas|muertos|"
          r"detenidos|detenidas|arrestados|rescatados|liberados|liberadas|desaparecidos|capturados)",
}

# One said without the number word: "a single strike", "un único encuentro", "una sola lancha".
SINGLE_PHRASES = {
    "en": r"\b(?:a|one)\s+single\b|\bjust\s+one\b|\bonly\s+one\b",
    "es": r"\b(?:un|una)\s+(?:únic[oa]|unic[oa]|sol[oa])\b",
}

# A running total stated as such (issue 12 §4): a noun of totals, an end-point verb, or a marker of
# "up to now" in the figure's clause. Grammar of totals, not one story's words.
TOTAL_NOUNS = {
    "en": {"toll", "tally", "total", "count", "number", "figure", "sum", "balance"},
    "es": {"cifra", "número", "numero", "total", "balance", "saldo", "recuento", "conteo", "suma"},
}
END_POINT_VERBS = {   # "... to N" (en) / "... a N" (es)
    "en": r"bring(?:s|ing)?|brought|rais(?:e|es|ed|ing)|tak(?:e|es|ing)|took|push(?:es|ed|ing)?|"
          r"put(?:s|ting)?|lift(?:s|ed|ing)?",
    "es": r"elev(?:a|an|ó|aron|ando|ar)|sub(?:e|en|ió|ieron|iendo)|situ(?:ando|ó|a)|llev(?:a|an|ó|ando)|"
          r"dej(?:a|an|ó|ando)\s+en",
}
REACH_VERBS = {       # "the toll rose to N", "stands at N"; "la cifra asciende a N", "llega a N", "ya suman N"
    "en": r"(?:has\s+|had\s+|have\s+)?(?:(?:r(?:ose|isen|ises|ising)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|"
          r"gr(?:ew|own|ows|owing)|increas(?:e|es|ed|ing)|soar(?:s|ed|ing)?|mount(?:s|ed|ing)?)\s+to|"
          r"reach(?:es|ed|ing)?|st(?:ands|ood|anding)\s+at)",
    "es": r"(?:se\s+)?(?:ascend(?:ió|ía|iendo)|ascienden?|lleg(?:a|an|ó|aron|ando)|alcanz(?:a|an|ó|aron|ando)|"
          r"sum(?:a|an|ó|aron|ando)|elev(?:a|an|ó|aba)|sitúa|situó|ubica|ubicó|van|va|ya\s+son|son\s+ya)"
          r"(?:\s+ya)?(?:\s+(?:a|en|al))?",
}
SO_FAR = {     # a total as of a point in time, in the figure's clause
    "en": r"\b(?:so\s+far|to\s+date|as\s+of|by\s+then|by\s+now|up\s+to\s+now|until\s+now)\b",
    "es": r"\b(?:hasta\s+ahora|hasta\s+la\s+fecha|hasta\s+el\s+momento|en\s+lo\s+que\s+va)\b",
}

# Common English verbs whose past tense does not end in -ed: where "one"'s noun phrase ends
# ("one team spent", "a single missile hit").
IRREGULAR_PAST = {"spent", "sent", "hit", "took", "made", "went", "came", "left", "said", "told", "got", "saw",
                  "found", "gave", "kept", "held", "led", "lost", "met", "paid", "put", "ran", "set", "shot", "sank",
                  "struck", "sunk", "fled", "flew", "fought", "began", "won", "brought", "bought", "caught", "built",
                  "fell", "rose", "drove", "broke", "spoke", "stood", "sat", "hid", "lay", "wrote", "became", "was",
                  "is", "has", "had", "remains", "died", "survived", "lies", "sits", "stands", "carries", "arrives"}
# Spanish verb endings after a number ("14 murieron", "30 llegaron"): not the counted noun.
SPANISH_VERB_ENDINGS = ("aron", "ieron", "yeron", "aban", "ían", "arán", "erán", "irán", "ará", "erá", "irá")

# A number followed by these, with no noun, counts the noun a nearby figure named ("two more",
# "on two others", "otros dos", "tres más"): an elliptical count.
ELLIPSIS_AFTER = {"en": r"more|others|other\s+ones|additional|else", "es": r"más|adicionales"}
ELLIPSIS_BEFORE = {"en": r"another|other", "es": r"otros|otras|otro|otra"}
# A bare number after a list separator and before a preposition ("three on one boat and two on the
# other", "una el lunes y dos el martes") is elliptical too.
ELLIPSIS_PREPOSITIONS = {
    "en": r"on|in|at|aboard|from|near|off|during|inside|outside|by|for|last|this|that|the\s+following|"
          r"the\s+next|the\s+day",
    "es": r"en|el|la|los|las|a\s+bordo|frente|cerca|durante|dentro|fuera|por|para|esta|este|ese|esa",
}

# Ages are not quantities: "a 45-year-old", "aged 45", "45 years old"; "de 45 años" of a person.
AGE_AFTER = {"en": r"[- ]years?[- ]old\b|[- ]year[- ]olds?\b|-month-old\b", "es": r"\s+años\s+de\s+edad\b"}
AGE_BEFORE = {
    "en": r"\baged\s+$|\bage\s+(?:of\s+)?$|\b(?:were|was|are|is|be|been|children|minors|anyone|those)\s+"
          r"(?:under|over|below|above)\s+$",
    "es": r"(?:,|\(|\b(?:hombre|mujer|joven|niño|niña|menor|anciano|anciana|chico|chica|adolescente|bebé|"
          r"señor|señora|varón|madre|padre|hijo|hija|pescador|pescadora|ciudadano|ciudadana|militar|soldado|"
          r"conductor|conductora|periodista|activista|dirigente|líder|opositor|opositora|detenido|detenida|"
          r"víctima|persona))\s+de\s+$|\b(?:tiene|tenía|tenían|tienen|cumplió|cumple|edad\s+de|a\s+los|con|"
          r"menores\s+de|mayores\s+de)\s+$",
}
# A duration: the unit right after the number, maybe after "more"/"full" ("two more days", "48 full hours").
DURATION_FILLERS = {"en": {"more", "full", "long", "straight", "consecutive", "additional", "extra", "whole",
                           "short", "entire"},
                    "es": {"largas", "largos", "enteras", "enteros", "consecutivas", "consecutivos"}}
# A number of time units that points at a moment, not a length ("three days after", "hace dos años").
TIME_POINT_AFTER = {"en": r"ago|prior|earlier|later|before|after|from\s+now|hence|old",
                    "es": r"antes|después|despues|más\s+tarde|atrás|de\s+edad"}
TIME_POINT_BEFORE = {"en": r"(?!)", "es": r"\bhace\s+$|\bdentro\s+de\s+$"}

# Holidays that fall on a fixed day (month, day), or by rule ("thanksgiving": the fourth Thursday of
# November). Language data; Easter is left out (it needs a calendar computation no dependency gives us).
HOLIDAYS = {
    "en": {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
           "new year's eve": (12, 31), "new years eve": (12, 31), "new year's day": (1, 1),
           "new years day": (1, 1), "new year's": (1, 1), "epiphany": (1, 6), "three kings day": (1, 6),
           "three kings' day": (1, 6), "valentine's day": (2, 14), "halloween": (10, 31),
           "all saints' day": (11, 1), "all souls' day": (11, 2), "thanksgiving day": "thanksgiving",
           "thanksgiving": "thanksgiving", "fourth of july": (7, 4)},
    "es": {"nochebuena": (12, 24), "día de navidad": (12, 25), "dia de navidad": (12, 25), "navidad": (12, 25),
           "nochevieja": (12, 31), "día de año nuevo": (1, 1), "dia de año nuevo": (1, 1),
           "año nuevo": (1, 1), "día de reyes": (1, 6), "dia de reyes": (1, 6), "día de los reyes magos": (1, 6),
           "reyes magos": (1, 6), "epifanía": (1, 6), "san valentín": (2, 14), "día de los muertos": (11, 2),
           "día de muertos": (11, 2), "día de todos los santos": (11, 1), "día de acción de gracias": "thanksgiving",
           "acción de gracias": "thanksgiving"},
}
# A holiday word that names a season or a thing, not the day ("Christmas holidays", "fiestas de Navidad").
HOLIDAY_NOT_A_DAY = {
    "en": (r"\s+(?:season|holidays?|period|break|week|weeks|time|shopping|market|markets|tree|trees|lights|"
           r"decorations|spirit|carols?|cards?|recess|weekend|rush|sales?|bonus|truce)\b", r"\b(?:lunar|chinese)\s+$"),
    "es": (r"\s+(?:chino|lunar|navideñ\w+)\b", r"\b(?:fiestas|época|epoca|temporada|vacaciones|puente|"
           r"campaña|feriados|festividades|cena|mercados?|árbol)\s+(?:de\s+)?(?:la\s+)?$"),
}
# A day counted by one from the last day the text named ("the next day", "al día siguiente").
NEXT_DAY_PHRASES = {
    "en": {"the next day": 1, "the following day": 1, "the previous day": -1, "the day before": -1,
           "a day later": 1, "a day earlier": -1, "the day after": 1, "the next morning": 1,
           "the following morning": 1},
    "es": {"al día siguiente": 1, "el día siguiente": 1, "el día anterior": -1, "la víspera": -1,
           "un día después": 1, "un día antes": -1, "al otro día": 1, "a la mañana siguiente": 1},
}
# Words that make a weekday in their clause the next such day, not the last one.
FUTURE_CUES = {
    "en": r"\b(?:will|shall|would|is\s+(?:scheduled|expected|due|set|slated|planned|poised|going)|"
          r"are\s+(?:scheduled|expected|due|set|slated|planned|poised|going)|scheduled\s+(?:for|to)|"
          r"set\s+(?:for|to)|due\s+(?:on|to)|plans?\s+to|planning\s+to|intends?\s+to|aims?\s+to|to\s+be\s+held|"
          r"upcoming|next|deadline|expires?|call(?:s|ed|ing)?\s+for)\b|'ll\b",
    "es": r"\b(?:va\s+a|van\s+a|iba\s+a|iban\s+a|prevista|previsto|previstas|previstos|prevé|preveía|"
          r"está\s+previsto|tiene\s+previsto|se\s+espera|espera|esperan|planea|planean|programad[oa]s?|"
          r"convoc\w*|fijad[oa]|plazo|vence|próxim[oa]|"
          # the conditional of reported plans ("dijo que volvería a reunirse el lunes"); not "habría", a past
          r"(?:podr|deber|ser|estar|tendr|ir|har|volver|quedar|llegar|viajar|reunir|celebrar|comparecer)ían?)\b"
          r"|\b\w+(?:rá|rán)\b",
}
# A verb of saying in the past between a weekday and a future word: the weekday is when it was said.
PAST_SAYING = {"en": r"\b(?:said|announced|told|reported|confirmed|stated|added|warned|wrote|declared)\b",
               "es": r"\b(?:dijo|anunció|informó|confirmó|declaró|afirmó|aseguró|señaló|indicó|advirtió)\b"}

# Who a figure belongs to (issue 12 §4): countries by name, demonym, capital (as a metonym: "Washington
# said") and a few universal metonyms of government. World knowledge in both languages, not any one
# story's words. Case-sensitive forms (abbreviations that are also words: "US" / "us") apart.
ACTORS = {
    "US": {"exact": ("US", "U.S.", "USA", "U.S.A.", "EE.UU.", "EE. UU.", "EEUU", "EUA", "USS"),
           "words": ("united states", "estados unidos", "american", "americans", "estadounidense",
                     "estadounidenses", "norteamericano", "norteamericana", "norteamericanos", "norteamericanas",
                     "americano", "americana", "americanos", "americanas", "washington", "white house",
                     "casa blanca", "pentagon", "pentágono", "state department", "departamento de estado",
                     "us-led", "us-backed")},
    "VE": {"exact": (),
           "words": ("venezuela", "venezuelan", "venezuelans", "venezolano", "venezolana", "venezolanos",
                     "venezolanas", "caracas")},
    "CO": {"exact": (), "words": ("colombia", "colombian", "colombians", "colombiano", "colombiana", "colombianos",
                                  "colombianas", "bogotá", "bogota")},
    "CU": {"exact": (), "words": ("cuba", "cuban", "cubans", "cubano", "cubana", "cubanos", "cubanas", "havana",
                                  "la habana")},
    "MX": {"exact": (), "words": ("mexico", "méxico", "mexican", "mexicans", "mexicano", "mexicana", "mexicanos",
                                  "mexicanas", "mexico city", "ciudad de méxico")},
    "BR": {"exact": (), "words": ("brazil", "brasil", "brazilian", "brazilians", "brasileño", "brasileña",
                                  "brasileños", "brasileñas", "brasília", "brasilia")},
    "EC": {"exact": (), "words": ("ecuador", "ecuadorian", "ecuadorians", "ecuatoriano", "ecuatoriana",
                                  "ecuatorianos", "ecuatorianas", "quito")},
    "PE": {"exact": (), "words": ("peru", "perú", "peruvian", "peruvians", "peruano", "peruana", "peruanos",
                                  "peruanas", "lima")},
    "AR": {"exact": (), "words": ("argentina", "argentine", "argentinian", "argentino", "argentinos",
                                  "argentinas", "buenos aires")},
    "CL": {"exact": (), "words": ("chile", "chilean", "chileans", "chileno", "chilena", "chilenos", "chilenas")},
    "GY": {"exact": (), "words": ("guyana", "guyanese", "guyanés", "guyanesa", "guyaneses", "georgetown")},
    "TT": {"exact": (), "words": ("trinidad and tobago", "trinidad y tobago", "trinidadian", "trinitense",
                                  "trinitenses", "port of spain", "puerto españa")},
    "PA": {"exact": (), "words": ("panama", "panamá", "panamanian", "panameño", "panameña", "panameños")},
    "NI": {"exact": (), "words": ("nicaragua", "nicaraguan", "nicaragüense", "nicaragüenses", "managua")},
    "CA": {"exact": (), "words": ("canada", "canadá", "canadian", "canadians", "canadiense", "canadienses",
                                  "ottawa")},
    "RU": {"exact": (), "words": ("russia", "rusia", "russian", "russians", "ruso", "rusa", "rusos", "rusas",
                                  "moscow", "moscú", "kremlin")},
    "CN": {"exact": (), "words": ("china", "chinese", "chino", "china's", "chinos", "beijing", "pekín", "pekin")},
    "IR": {"exact": (), "words": ("iran", "irán", "iranian", "iranians", "iraní", "iraníes", "tehran", "teherán")},
    "UA": {"exact": (), "words": ("ukraine", "ucrania", "ukrainian", "ukrainians", "ucraniano", "ucraniana",
                                  "ucranianos", "kyiv", "kiev")},
    "IL": {"exact": (), "words": ("israel", "israeli", "israelis", "israelí", "israelíes", "jerusalem",
                                  "jerusalén", "tel aviv")},
    "UK": {"exact": ("UK", "U.K."), "words": ("united kingdom", "reino unido", "britain", "british", "briton",
                                                "britons", "británico", "británica", "británicos", "london",
                                                "londres", "downing street")},
    "ES": {"exact": (), "words": ("spain", "españa", "spanish government", "gobierno español", "madrid")},
    "FR": {"exact": (), "words": ("france", "francia", "french", "francés", "francesa", "franceses", "paris",
                                  "parís", "elysée", "elíseo")},
    "DE": {"exact": (), "words": ("germany", "alemania", "german", "germans", "alemán", "alemana", "alemanes",
                                  "berlin", "berlín")},
    "UN": {"exact": ("UN", "U.N.", "ONU", "OAS", "OEA"), "words": ("united nations", "naciones unidas")},
}
# A country named after these is where something happens or whom it targets, not who acts.
ACTOR_PLACE_BEFORE = {
    "en": r"\b(?:in|off|near|to|into|toward|towards|across|over|around|inside|outside|along|at|within|against|"
          r"from|on|through|via|onto|of\s+(?:the\s+)?(?:coast|waters|shores?|territory|soil|border|skies))\s+"
          r"(?:the\s+)?$",
    "es": r"\b(?:en|frente\s+a(?:\s+las\s+costas\s+de)?|cerca\s+de|hacia|a|al|sobre|dentro\s+de|contra|desde|de\s+"
          r"(?:la\s+)?costa\s+de|por|hasta|rumbo\s+a)\s+(?:la\s+|el\s+)?$",
}
# A demonym next to one of these names a place ("Venezuelan waters", "territorio venezolano").
PLACE_NOUNS = {
    "en": ("territory", "waters", "coast", "coastline", "soil", "airspace", "border", "capital", "land", "shores",
           "ports", "port", "skies", "mainland", "oil", "crude", "economy", "market", "markets", "embassy"),
    "es": ("territorio", "aguas", "costa", "costas", "suelo", "espacio aéreo", "frontera", "capital", "tierra",
           "puertos", "puerto", "cielo", "cielos", "petróleo", "crudo", "economía", "mercado", "embajada"),
}
# After a place preposition, a country word followed by one of these still names who acts ("killed in
# US strikes", "por fuerzas estadounidenses" reads the other way and needs no exception).
AGENT_NOUNS = {
    "en": ("forces", "force", "troops", "military", "army", "navy", "air force", "marines", "strikes", "strike",
           "attacks", "attack", "raids", "raid", "bombing", "bombings", "operations", "operation", "government",
           "officials", "authorities", "administration", "boat strikes", "airstrikes", "drone strikes",
           "warships", "aircraft", "jets", "bombers", "coast guard", "special forces", "police"),
    "es": ("fuerzas", "tropas", "militares", "ejército", "armada", "marina", "ataques", "ataque", "bombardeos",
           "bombardeo", "operaciones", "operación", "gobierno", "autoridades", "funcionarios", "administración"),
}
# Where a clause ends inside a sentence, for whose figure it is: punctuation, a verb of saying, a
# complementiser or a contrast ("X said Y had mobilised N": N is Y's).
CLAUSE_BREAKS = {
    "en": r"[,;:()\[\]—–]|\b(?:that|which|who|while|whereas|but|although|though|said|says|told|announced|"
          r"reported|claimed|added|stated|according\s+to)\b",
    "es": r"[,;:()\[\]—–]|\b(?:que|quien|quienes|mientras|pero|aunque|sino|dijo|afirmó|aseguró|informó|anunció|"
          r"declaró|señaló|indicó|según)\b",
}
