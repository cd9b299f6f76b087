"""What a page says about itself, not about the world: never suggested as evidence.

Editor's notes ("Digest of the reported article…", "Resumen del artículo…"), bylines ("By Jane
Doe", "Por Ana Ruiz"), invitations ("Read more", "Lea también", "Sign up for…", "Síguenos"),
copyright and photo credits. A wire credit opening a sentence ("CARACAS (Reuters) -", "Feb. 9
(UPI) -", "BOGOTÁ, 3 dic (EFE).-") is not dropped with its sentence, which is the story's lead:
the suggested quote starts after it. The patterns are the shapes such lines take on any site,
in English and Spanish.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.UNICODE
_NAME = r"[A-ZÁÉÍÓÚÑ][\w.'’-]+"

# A whole line (or sentence) that is one of these is the page talking about itself.
_LINES = [
    # editor's notes on what the text is
    re.compile(r"^\W*(?:(?:a|an|the)\s+)?(?:digest|summary|abstract|synopsis|translation|precis)\s+of\s+"
               r"(?:the|this|an?)\s+(?:\w+\s+){0,2}(?:article|report|story|piece|dispatch|item)\b", _FLAGS),
    re.compile(r"^\W*(?:resumen|síntesis|sintesis|extracto|traducción|traduccion)\s+(?:del|de\s+la|de\s+un[ao]?)\s+"
               r"(?:\w+\s+){0,2}(?:artículo|articulo|nota|noticia|informe|reportaje|despacho)\b", _FLAGS),
    re.compile(r"^\W*(?:editor'?s|editors'|publisher'?s)\s+note\b|^\W*nota\s+(?:del|de\s+la)\s+(?:editor|"
               r"editora|redacción|redaccion)\b", _FLAGS),
    re.compile(r"^\W*(?:this|the)\s+(?:article|story|report|text|piece)\s+(?:was|is|has\s+been)\s+(?:\w+\s+){0,2}"
               r"(?:updated|corrected|translated|summari[sz]ed|edited|produced|written|adapted|condensed)\b", _FLAGS),
    re.compile(r"^\W*(?:este|esta|el|la)\s+(?:artículo|articulo|nota|texto|noticia)\s+(?:fue|ha\s+sido|es)\s+"
               r"(?:\w+\s+){0,2}(?:actualizad[oa]|corregid[oa]|traducid[oa]|resumid[oa]|editad[oa]|adaptad[oa])\b",
               _FLAGS),
    # invitations to read, follow, subscribe, share
    re.compile(r"^\W*(?:read|see|watch|listen)\s+(?:more|also|next|the\s+full|the\s+latest)\b|^\W*(?:also|more)\s+"
               r"read\b|^\W*related(?:\s+(?:articles?|stories|coverage|news))?\s*:|^\W*click\s+here\b|^\W*more\s+on\s+"
               r"this\s+story\b|^\W*recommended\s*:", _FLAGS),
    re.compile(r"^\W*(?:lea|lee|leer|ver|vea|mira|mire)\s+(?:también|tambien|más|mas|además|ademas)\b|^\W*te\s+puede"
               r"\s+interesar\b|^\W*(?:más|mas)\s+información\s*:|^\W*noticias?\s+relacionadas?\b|^\W*relacionad[oa]s?\s*:",
               _FLAGS),
    re.compile(r"^\W*(?:sign\s+up|subscribe|register|follow\s+us|share\s+(?:this|on)|get\s+(?:our|the)\s+\w*\s*"
               r"newsletter|download\s+(?:our|the)\s+app|support\s+our\s+journalism|advertisement\b|sponsored\b)",
               _FLAGS),
    re.compile(r"^\W*(?:suscr[ií]bete|suscr[ií]base|reg[ií]strate|reg[ií]strese|s[ií]guenos|s[ií]ganos|"
               r"comparte|compartir\s+en|descarga\s+(?:nuestra|la)\s+app|únete|unete|publicidad\b)", _FLAGS),
    # copyright
    re.compile(r"^\W*(?:©|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b|\btodos\s+los\s+derechos\s+reservados\b",
               _FLAGS),
    # bylines and credits: a short line that is a name after "By"/"Por", or a credit label
    re.compile(rf"^\W*(?:[Bb]y|BY|[Pp]or|POR)\s+{_NAME}(?:\s+(?:{_NAME}|de|del|y|and|van|von|la))*(?:\s*[,|/–—-]\s*[\w .'’-]+)?\W*$"),
    re.compile(r"^\W*(?:reporting|additional\s+reporting|writing|editing|compiled|translated|produced)\s+by\b|"
               r"^\W*(?:con\s+información\s+de|redacción|redaccion|edición|edicion|traducción|traduccion)\s*[:\w]"
               r"|^\W*(?:photo|foto|image|imagen|picture|video|vídeo)(?:\s+(?:credit|crédito))?\s*:\s*[^\n]{0,60}$",
               _FLAGS),
]

# A wire credit or dateline opening a lead: "CARACAS (Reuters) - ", "Feb. 9 (UPI) - ", "BOGOTÁ, 3 dic (EFE).- ",
# "WASHINGTON: ", "MIAMI — ".
_CREDIT = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑ][\w.'’ ]{0,30}?(?:,\s*[\w.' ]{1,20}?)?\s*)?\((?:[A-Z][A-Za-z]{1,12}|[A-Z]{2,6}(?:/[A-Z]{2,6})?)\)"
    r"\s*\.?\s*[-—–:]+\s*"
    r"|^[A-ZÁÉÍÓÚÑ]{3,}(?:[ -][A-ZÁÉÍÓÚÑ]{2,}){0,3}(?:,\s*[\w.' ]{1,25}?)?\s*(?::|\s[-—–])\s+"
    r"|^[-—–.:]+\s*(?=[A-ZÁÉÍÓÚÑ¿¡\"“])")     # what is left of a credit the sentence splitter cut off


def is_boilerplate(sentence: str, line: str | None = None) -> bool:
    """Whether a sentence, or the line it stands on, is the page speaking about itself."""
    for text in (sentence, line or ""):
        stripped = text.strip()
        if stripped and any(p.search(stripped) for p in _LINES):
            return True
    return False


def credit_length(sentence: str) -> int:
    """How many characters of a wire credit or dateline open the sentence (0: none)."""
    m = _CREDIT.match(sentence)
    if not m or len(sentence) - m.end() < 20:
        return 0
    return m.end()


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that is the page speaking about itself: nothing on it is suggested."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if is_boilerplate(m.group(0)):
            out.append((m.start(), m.end()))
    return out


def inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in spans)
