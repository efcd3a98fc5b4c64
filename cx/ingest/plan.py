"""Planning one import: what the file is and how to read it (no database involved), and what
its staged values say about date order and decimal commas.

`plan_file` reads and frames the file, finds the header row (and a second header row of question
text), picks a known export layout (cx.ingest.profiles) or recognises the columns
(cx.ingest.mapping), and refuses in one sentence what cannot be imported as asked.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from functools import wraps

from cx.ingest import parsing as P
from cx.ingest.fields import FIELDS, REQUIRED, missing_fields, satisfies
from cx.ingest.mapping import auto_map, find_header, recognise
from cx.ingest.profiles import Profile, by_key, detect
from cx.ingest.reading import (
    Framed,
    ImportError_,
    frame,
    normalise_header,
    read_source,
    sample_records,
)
from cx.ingest.recognise import Recognition
from cx.store import one

SUBHEADER_WORDS = {"response", "open ended response", "other (please specify)", "回答",
                   "自由回答"}
# the field that dates a row, per kind (its values decide the date order)
DATE_FIELDS = {"transactions": "ordered_at", "customers": "first_seen",
               "referrals": "referred_at", "surveys": "responded_at"}


@dataclass
class Plan:
    """What the preview shows and the import follows."""
    framed: Framed
    file_name: str | None
    header_index: int
    headers: list[str]
    data_first: int                      # index (among non-blank records) of the first data row
    subheader: int                       # extra header rows after the header (skipped)
    kind: str | None
    profile: Profile | None
    mapping: dict
    date_order: str | None = None        # the order used
    date_order_found: str | None = None  # what the file's values say
    date_examples: list[str] = field(default_factory=list)
    decimal_comma: bool = False
    warnings: list[str] = field(default_factory=list)
    recognition: Recognition | None = None   # how the columns were recognised (no profile/mapping)
    survey_date: str | None = None       # the date a survey without answer dates was run

    @property
    def line_items(self) -> bool:
        """One row per item: a vendor layout that says so, or lines priced without an order
        total (a line total, or a unit price x quantity), added up per order."""
        if self.profile is not None:
            return self.profile.line_items
        return self.kind == "transactions" and "amount" not in self.mapping

    @property
    def currency_hint(self) -> str | None:
        """The currency an amount header names (`Sales ($)`, `売上（円）`)."""
        return self.recognition.currency if self.recognition is not None else None

    def confirm_flags(self) -> str:
        """The command line flags that import this file as planned."""
        parts = [f"--kind {self.kind}"]
        evidence = self.recognition.evidence if self.recognition is not None else {}
        for fld, header in self.mapping.items():
            if any(fld in alts for alts in REQUIRED[self.kind]) or evidence.get(fld) == "values":
                parts.append(f'--map {fld}="{header}"')
        return " ".join(parts)

    @property
    def source(self) -> str:
        return self.profile.key if self.profile else "csv"

    @property
    def source_label(self) -> str:
        return self.profile.label_en if self.profile else "CSV"

    @property
    def rows_read(self) -> int:
        return self.framed.records - self.header_index - 1

    @property
    def needs_date_order(self) -> bool:
        return self.date_order_found == "ambiguous" and self.date_order is None

    def col(self, fld: str) -> str | None:
        """SQL reference to the staged column mapped to a field (c0, c1, ...), or None."""
        header = self.mapping.get(fld)
        if header is None:
            return None
        return f"c{self.headers.index(header)}"

    def header_col(self, header: str) -> str | None:
        norm = normalise_header(header)
        for i, h in enumerate(self.headers):
            if normalise_header(h) == norm:
                return f"c{i}"
        return None


def csv_errors_refused(fn):
    """Whatever Python's csv module refuses becomes the one-sentence import refusal."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except csv.Error as exc:
            raise ImportError_(f"The file could not be read as CSV ({exc}).", "unreadable",
                               detail=str(exc)) from exc
    return wrapper


@csv_errors_refused
def plan_file(source, kind: str = "auto", mapping: dict | None = None,
              date_order: str | None = None, file_name: str | None = None,
              profile: str | None = None, strict: bool = True,
              overrides: dict | None = None, survey_date: str | None = None) -> Plan:
    """Read and frame a file and decide how to import it (no database involved).

    `mapping` is a whole mapping (the Data page's editor): used as it is. `overrides` are
    fields set on the command line (`--map`): the rest is recognised. With strict=False a
    mapping that lacks required fields, or a guess that should be confirmed, is returned (for
    the Data page, which asks) instead of refused."""
    raw, name = read_source(source)
    framed = frame(raw)
    head = framed.head
    header_index = find_header(head)
    headers = _unique_headers(head[header_index])
    if not any(h.strip() for h in headers):
        raise ImportError_("The file has no header row.", "no_header")
    prof = by_key(profile) if profile else detect(headers)
    data_first = header_index + 1
    subheader = 0   # SurveyMonkey has a second header row, Qualtrics two more
    while subheader < 2 and data_first + subheader < len(head) and \
            _is_subheader(head[data_first + subheader], prof, subheader):
        subheader += 1
    sample = sample_records(framed, data_first + subheader)
    # a second header row (SurveyMonkey, Qualtrics) holds the question text: read it too
    labels = [" ".join(x for x in [h, *(head[data_first + k][i] if i < len(head[data_first + k])
                                       else "" for k in range(subheader))] if x and x.strip())
              for i, h in enumerate(headers)] if subheader else None
    if kind not in ("auto", None) and kind not in FIELDS:
        raise ImportError_(f"Unknown kind {kind!r}: use transactions, customers, referrals or "
                           "surveys.")
    if prof is not None and kind not in ("auto", None) and prof.kind != kind:
        prof = None
    given = {**(mapping or {}), **(overrides or {})}
    unknown = [h for h in given.values() if h and h not in headers]
    if unknown:
        raise ImportError_(f"The mapping names columns the file does not have: "
                           f"{', '.join(map(str, unknown))}.", "unknown_columns",
                           columns=", ".join(map(str, unknown)))
    recognition = None
    if mapping:
        use_kind = kind if kind not in ("auto", None) else (
            prof.kind if prof else recognise(headers, sample, labels=labels).kind)
        use_map = {f: h for f, h in mapping.items() if h}
    elif prof is not None:
        use_kind = prof.kind
        generic = auto_map(use_kind, headers, sample, labels)
        own = {f: h for f, h in prof.resolve(headers).items() if f in FIELDS[use_kind]}
        taken = set(own.values())
        use_map = {**{f: h for f, h in generic.items() if h not in taken and f not in own},
                   **own}
    else:
        recognition = recognise(headers, sample, kind or "auto", labels)
        use_kind, use_map = recognition.kind, recognition.mapping
    if overrides and use_kind is not None:
        bad = [f for f in overrides if f not in FIELDS[use_kind]]
        if bad:
            raise ImportError_(f"{', '.join(bad)} is not a field of a {use_kind} file; the "
                               f"fields are {', '.join(FIELDS[use_kind])}.", "unknown_field",
                               fields=", ".join(bad))
        taken = set(overrides.values())
        use_map = {**{f: h for f, h in use_map.items() if h not in taken and f not in overrides},
                   **overrides}
    if use_kind is None:
        raise ImportError_(
            "No column was recognised (no order date and amount, customer id or email, survey "
            "score or referrer); map the columns on the Data page or give them with --kind and "
            "--map.", "no_columns")
    use_map = {f: h for f, h in use_map.items() if f in FIELDS[use_kind]}
    if strict and not satisfies(use_kind, use_map):
        raise ImportError_(f"This {use_kind} file has no column for "
                           f"{', '.join(missing_fields(use_kind, use_map))}; map it on the "
                           "Data page or give it with --map FIELD=\"HEADER\".", "missing_fields",
                           fields=", ".join(missing_fields(use_kind, use_map)))
    p = Plan(framed, file_name or name, header_index, headers, data_first + subheader, subheader,
             use_kind, prof, use_map, date_order=date_order, recognition=recognition,
             survey_date=survey_date)
    if recognition is not None:
        p.warnings += recognition.notes
        if overrides:   # what the user confirmed is no longer a guess
            for f in overrides:
                recognition.evidence[f] = "given"
            required = [f for f in use_map if any(f in alts for alts in REQUIRED[use_kind])]
            if kind not in ("auto", None) and all(
                    recognition.evidence.get(f) == "given" for f in required):
                recognition.question = None
        if strict and recognition.question:
            raise ImportError_(confirm_sentence(p), "confirm_kind", kind=use_kind,
                               flags=p.confirm_flags())
    if survey_date:
        try:
            date.fromisoformat(str(survey_date))
        except ValueError as exc:
            raise ImportError_(f"The survey date {survey_date!r} is not a date (YYYY-MM-DD).",
                               "survey_date_bad", value=str(survey_date)) from exc
    if p.kind == "surveys" and "responded_at" not in p.mapping and strict and not survey_date:
        raise ImportError_("This survey file has no answer date; give the date the survey was "
                           "run with --survey-date YYYY-MM-DD (the Data page asks for it).",
                           "survey_date")
    if p.framed.records <= p.header_index + 1:
        raise ImportError_("The file has a header but no data rows.", "no_rows")
    if header_index:
        p.warnings.append(f"{header_index} line(s) before the header were skipped (a report "
                          "title or notes, not data).")
    return p


def rival(plan: Plan) -> str | None:
    """With a 'close' guess: the other kind the file could be."""
    r = plan.recognition
    if r is None or r.question != "close":
        return None
    return next((km.kind for km in r.candidates[1:] if km.satisfied), None)


FIELD_WORDS = {"ordered_at": "order date", "amount": "amount", "line_total": "line total",
               "unit_price": "unit price", "score": "score", "responded_at": "answer date",
               "customer_id": "customer id", "email": "e-mail", "items": "quantity",
               "referrer_id": "referrer", "referred_id": "referred customer"}


def confirm_sentence(plan: Plan) -> str:
    """The one sentence that refuses a guessed file: the guess, and the flags that confirm it."""
    r = plan.recognition
    found = ", ".join(f"{FIELD_WORDS.get(f, f)} '{h}'" for f, h in plan.mapping.items()
                      if any(f in alts for alts in REQUIRED[plan.kind]))
    if r.question == "values":
        why = "found only by their values"
    elif r.question == "close":
        why = f"though it could also be a {rival(plan)} file"
    else:
        why = "under headers that do not clearly name them"
    return (f"This looks like a {plan.kind} file ({found}), {why}; to import it so, run again "
            f"with {plan.confirm_flags()}.")


def _unique_headers(cells: list[str]) -> list[str]:
    out, seen = [], {}
    for i, c in enumerate(cells):
        name = (c or "").replace("\ufeff", "").strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _is_subheader(row: list[str], prof: Profile | None, index: int = 0) -> bool:
    vals = [normalise_header(v) for v in row if v.strip()]
    if not vals:
        return False
    if sum(v.startswith("{\"importid\"") for v in vals) >= max(1, len(vals) // 2):
        return True  # Qualtrics' third header row
    if prof is not None and index < prof.subheader and not any(
            any(ch.isdigit() for ch in v) for v in vals):
        return True
    return sum(v in SUBHEADER_WORDS for v in vals) >= max(1, len(vals) // 2)


# -- analysis shared by preview and import ----------------------------------------------------
def analyse(cur, plan: Plan, table: str) -> None:
    """Date order and decimal commas from the staged values (the whole file, not a sample)."""
    dcol = plan.col(DATE_FIELDS[plan.kind])
    if dcol:
        count, mx1, mx2, examples = one(cur, P.date_order_sql(dcol).replace("{table}", table))
        found = P.infer_date_order(count, mx1, mx2)
        plan.date_order_found = found
        plan.date_examples = list(examples or [])
        if found in ("dayfirst", "monthfirst"):
            if plan.date_order and plan.date_order != found:
                plan.warnings.append(
                    f"You chose {_order_words(plan.date_order)} but the dates in "
                    f"'{plan.mapping[DATE_FIELDS[plan.kind]]}' can only be "
                    f"{_order_words(found)}; rows that do not fit were rejected.")
            else:
                plan.date_order = found
                plan.warnings.append(f"Dates were read as {_order_words(found)} (a value "
                                     "above 12 decides it).")
        elif found == "mixed":
            plan.date_order = plan.date_order or "dayfirst"
            plan.warnings.append("The file mixes day/month and month/day dates; rows that do "
                                 f"not fit {_order_words(plan.date_order)} were rejected.")
        elif found == "ambiguous" and plan.date_order is None and plan.profile is not None \
                and plan.profile.date_order:
            plan.date_order = plan.profile.date_order
            plan.warnings.append(f"Dates like {plan.date_examples[0]} were read as "
                                 f"{_order_words(plan.date_order)}, as "
                                 f"{plan.profile.label_en} writes them.")
    acol = plan.col("amount") or plan.col("line_total") or plan.col("unit_price")
    if acol:
        values = [r[0] for r in cur.execute(
            f"SELECT {acol} FROM {table} WHERE {acol} IS NOT NULL LIMIT 5000").fetchall()]
        plan.decimal_comma = (plan.profile.decimal_comma if plan.profile else False) or \
            P.uses_decimal_comma(values)
        if plan.decimal_comma:
            plan.warnings.append("Amounts use a decimal comma (1.234,56).")


def _order_words(order: str) -> str:
    return {"dayfirst": "day/month/year", "monthfirst": "month/day/year"}.get(order, order)
