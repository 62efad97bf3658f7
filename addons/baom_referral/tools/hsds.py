"""Open Referral HSDS 3.0 tabular packages: the directory as CSV files in a zip.

The referencing guide travels as the files HSDS 3.0 names after its tables
(organization.csv, service.csv, location.csv, address.csv, phone.csv,
schedule.csv, ...). This module only maps plain dictionaries to rows and back
and checks the package; it knows nothing of Odoo. Package-level problems raise
``HsdsError`` before anything is read into the directory; row-level problems
are returned, one per row, so the caller imports the rest and reports them.
Messages are codes with parameters: the caller translates them.
"""

import csv
import datetime
import io
import uuid
import zipfile

# The HSDS 3.0 columns of each table we write (in the schema's order).
COLUMNS = {
    "organization": [
        "id", "name", "alternate_name", "description", "email", "website",
        "tax_status", "tax_id", "year_incorporated", "legal_status", "logo",
        "uri", "parent_organization_id",
    ],
    "service": [
        "id", "organization_id", "program_id", "name", "alternate_name",
        "description", "url", "email", "status", "interpretation_services",
        "application_process", "fees_description", "wait_time", "fees",
        "accreditations", "eligibility_description", "minimum_age",
        "maximum_age", "assured_date", "assurer_email", "licenses", "alert",
        "last_modified",
    ],
    "location": [
        "id", "location_type", "url", "organization_id", "name",
        "alternate_name", "description", "transportation", "latitude",
        "longitude", "external_identifier", "external_identifier_type",
    ],
    "address": [
        "id", "location_id", "attention", "address_1", "address_2", "city",
        "region", "state_province", "postal_code", "country", "address_type",
    ],
    "service_at_location": ["id", "service_id", "location_id", "description"],
    "phone": [
        "id", "location_id", "service_id", "organization_id", "contact_id",
        "service_at_location_id", "number", "extension", "type", "description",
    ],
    "schedule": [
        "id", "service_id", "location_id", "service_at_location_id",
        "valid_from", "valid_to", "dtstart", "timezone", "until", "count",
        "wkst", "freq", "interval", "byday", "byweekno", "bymonthday",
        "byyearday", "description", "opens_at", "closes_at", "schedule_link",
        "attending_type", "notes",
    ],
    "required_document": ["id", "service_id", "document", "uri"],
    "service_area": [
        "id", "service_id", "service_at_location_id", "name", "description",
        "extent", "extent_type", "uri",
    ],
    "language": ["id", "service_id", "location_id", "phone_id", "name", "code", "note"],
    "taxonomy_term": [
        "id", "code", "name", "description", "parent_id", "taxonomy",
        "language", "taxonomy_id", "term_uri",
    ],
    "attribute": [
        "id", "link_id", "taxonomy_term_id", "link_type", "link_entity",
        "value", "label",
    ],
}  # fmt: skip
REQUIRED_TABLES = ("organization", "service")
REQUIRED_COLUMNS = {
    "organization": ("id", "name"),
    "service": ("id", "organization_id", "name"),
}
# Our service status keys and HSDS 3.0's values.
STATUS_TO_HSDS = {
    "active": "active",
    "inactive": "inactive",
    "defunct": "defunct",
    "temporarily_closed": "temporarily closed",
}
STATUS_FROM_HSDS = {value: key for key, value in STATUS_TO_HSDS.items()}
TAXONOMY = "BAOM need categories"
ADDRESS_KEYS = (
    "address_1",
    "address_2",
    "city",
    "state_province",
    "postal_code",
    "country",
)
# Guards against a zip bomb: a real directory is a few hundred kilobytes.
MAX_MEMBERS = 64
MAX_UNCOMPRESSED = 50 * 1024 * 1024
# Namespace of the identifiers derived from a service's or organisation's own
# (location, phone...): the same directory exports the same identifiers.
_NAMESPACE = uuid.UUID("6f1c2a53-5b0e-4f4e-9d43-2b8a6c0f7e11")


class HsdsError(Exception):
    """The package cannot be read at all; nothing of it may be imported."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def new_id():
    return str(uuid.uuid4())


def derived_id(parent_id, kind):
    """A stable identifier for a row that belongs to ``parent_id``."""
    return str(uuid.uuid5(_NAMESPACE, f"{parent_id}/{kind}"))


# ------------------------------------------------------------
# EXPORT
# ------------------------------------------------------------


def tables_from_directory(organizations, services):
    """HSDS rows {table: [row dict]} of plain organisation and service dicts.

    organization: id, name, description, email, website, phone, address;
    service: id, organization_id, name, description, url, email, status,
    application_process, fees_description, eligibility_description,
    assured_date (date or None), phone, address, schedule, documents [str],
    needs [(code, name)], areas [str], languages [(code, name)];
    address: dict of ADDRESS_KEYS (country: ISO code) or None.
    """
    tables = {name: [] for name in COLUMNS}
    terms = {}
    for org in organizations:
        tables["organization"].append(
            {
                "id": org["id"],
                "name": org["name"],
                "description": org.get("description") or "",
                "email": org.get("email") or "",
                "website": org.get("website") or "",
            }
        )
        location_id = _add_location(tables, org["id"], org, org["id"])
        if org.get("phone"):
            tables["phone"].append(
                {
                    "id": derived_id(org["id"], "phone"),
                    "organization_id": org["id"],
                    "location_id": location_id or "",
                    "number": org["phone"],
                    "type": "voice",
                }
            )
    for service in services:
        sid = service["id"]
        assured = service.get("assured_date")
        tables["service"].append(
            {
                "id": sid,
                "organization_id": service["organization_id"],
                "name": service["name"],
                "description": service.get("description") or "",
                "url": service.get("url") or "",
                "email": service.get("email") or "",
                "status": STATUS_TO_HSDS[service.get("status") or "active"],
                "application_process": service.get("application_process") or "",
                "fees_description": service.get("fees_description") or "",
                "eligibility_description": service.get("eligibility_description") or "",
                "assured_date": assured.isoformat() if assured else "",
            }
        )
        location_id = _add_location(tables, sid, service, service["organization_id"])
        link_id = ""
        if location_id:
            link_id = derived_id(sid, "service_at_location")
            tables["service_at_location"].append(
                {"id": link_id, "service_id": sid, "location_id": location_id}
            )
        if service.get("phone"):
            tables["phone"].append(
                {
                    "id": derived_id(sid, "phone"),
                    "service_id": sid,
                    "number": service["phone"],
                    "type": "voice",
                }
            )
        if service.get("schedule"):
            tables["schedule"].append(
                {
                    "id": derived_id(sid, "schedule"),
                    "service_id": sid,
                    "description": service["schedule"],
                }
            )
        for document in service.get("documents") or ():
            tables["required_document"].append(
                {
                    "id": derived_id(sid, f"document/{document}"),
                    "service_id": sid,
                    "document": document,
                }
            )
        for area in service.get("areas") or ():
            tables["service_area"].append(
                {"id": derived_id(sid, f"area/{area}"), "service_id": sid, "name": area}
            )
        for code, name in service.get("languages") or ():
            tables["language"].append(
                {
                    "id": derived_id(sid, f"language/{code}"),
                    "service_id": sid,
                    "name": name,
                    "code": code,
                }
            )
        for code, name in service.get("needs") or ():
            term_id = terms.get(code)
            if not term_id:
                term_id = terms[code] = derived_id(TAXONOMY, code)
                tables["taxonomy_term"].append(
                    {"id": term_id, "code": code, "name": name, "taxonomy": TAXONOMY}
                )
            tables["attribute"].append(
                {
                    "id": derived_id(sid, f"attribute/{code}"),
                    "link_id": sid,
                    "taxonomy_term_id": term_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "value": code,
                }
            )
    return tables


def _add_location(tables, owner_id, values, organization_id):
    address = values.get("address")
    if not address or not any(address.get(key) for key in ADDRESS_KEYS):
        return None
    location_id = derived_id(owner_id, "location")
    tables["location"].append(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": organization_id,
            "name": values.get("name") or "",
        }
    )
    tables["address"].append(
        {
            "id": derived_id(owner_id, "address"),
            "location_id": location_id,
            "address_type": "physical",
            **{key: address.get(key) or "" for key in ADDRESS_KEYS},
        }
    )
    return location_id


def write_zip(tables):
    """The zip of one UTF-8 CSV file per HSDS table (header always written)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, columns in COLUMNS.items():
            text = io.StringIO()
            writer = csv.DictWriter(
                text, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n"
            )
            writer.writeheader()
            for row in tables.get(table, ()):
                writer.writerow({column: row.get(column, "") for column in columns})
            archive.writestr(f"{table}.csv", text.getvalue().encode("utf-8"))
    return buffer.getvalue()


# ------------------------------------------------------------
# IMPORT
# ------------------------------------------------------------


def read_zip(data):
    """{table: [(line number, row dict)]} of an HSDS zip, or HsdsError.

    File names may carry a folder and the plural (organizations.csv); columns
    we do not know are ignored, missing optional tables read as empty.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise HsdsError("not_zip") from error
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS or (
            sum(info.file_size for info in members) > MAX_UNCOMPRESSED
        ):
            raise HsdsError("too_large")
        by_table = {}
        for info in members:
            base = info.filename.rsplit("/", 1)[-1].lower()
            if not base.endswith(".csv"):
                continue
            stem = base[:-4]
            for table in COLUMNS:
                if stem in (table, f"{table}s"):
                    by_table[table] = info
        for table in REQUIRED_TABLES:
            if table not in by_table:
                raise HsdsError("missing_file", file=f"{table}.csv")
        tables = {}
        for table, info in by_table.items():
            tables[table] = _read_csv(archive, info, table)
    for table in COLUMNS:
        tables.setdefault(table, [])
    return tables


def _read_csv(archive, info, table):
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise HsdsError("not_zip") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HsdsError("encoding", file=info.filename) from error
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            header = []
        header = [column.strip().lower() for column in header]
        missing = [c for c in REQUIRED_COLUMNS.get(table, ()) if c not in header]
        if missing:
            raise HsdsError(
                "missing_columns", file=info.filename, columns=", ".join(missing)
            )
        rows = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            row = {
                column: (values[index].strip() if index < len(values) else "")
                for index, column in enumerate(header)
                if column
            }
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise HsdsError("csv", file=info.filename, detail=str(error)) from error
    return rows


def directory_from_tables(tables):
    """(organisations, services, problems) of the rows ``read_zip`` returns.

    Organisations and services have the shapes ``tables_from_directory``
    takes (each with its "line"); a problem is a dict: file, line, id, code
    and params. A row with a problem is left out, the others are kept.
    """
    problems = []

    def problem(table, line, row_id, code, **params):
        problems.append(
            {
                "file": f"{table}.csv",
                "line": line,
                "id": row_id,
                "code": code,
                "params": params,
            }
        )

    def keyed(table, required=("id",)):
        seen = {}
        for line, row in tables.get(table, ()):
            row_id = row.get("id", "")
            if not row_id:
                problem(table, line, "", "missing_id")
                continue
            if row_id in seen:
                problem(table, line, row_id, "duplicate_id")
                continue
            if "name" in required and not row.get("name"):
                problem(table, line, row_id, "missing_name")
                continue
            seen[row_id] = (line, row)
        return seen

    org_rows = keyed("organization", ("id", "name"))
    service_rows = keyed("service", ("id", "name"))
    links = _index_links(tables)
    org_address, org_phone = links["org_address"], links["org_phone"]
    organizations = []
    for org_id, (line, row) in org_rows.items():
        organizations.append(
            {
                "id": org_id,
                "line": line,
                "name": row["name"],
                "description": row.get("description", ""),
                "email": row.get("email", ""),
                "website": row.get("website", ""),
                "phone": org_phone.get(org_id, ""),
                "address": org_address.get(org_id),
            }
        )
    services = []
    for sid, (line, row) in service_rows.items():
        service = _parse_service(sid, line, row, org_rows, links, problem)
        if service:
            services.append(service)
    problems.sort(key=lambda p: (p["file"], p["line"]))
    return organizations, services, problems


def _parse_service(sid, line, row, org_rows, links, problem):
    """The service dict of one service.csv row, or None after a problem."""
    if row.get("organization_id") not in org_rows:
        problem(
            "service",
            line,
            sid,
            "unknown_organization",
            organization=row.get("organization_id", ""),
        )
        return None
    status = (row.get("status") or "active").lower().replace("_", " ")
    if status not in STATUS_FROM_HSDS:
        problem("service", line, sid, "bad_status", status=row.get("status"))
        return None
    assured = None
    if row.get("assured_date"):
        try:
            assured = datetime.date.fromisoformat(row["assured_date"][:10])
        except ValueError:
            problem("service", line, sid, "bad_date", date=row["assured_date"])
            return None
    location_id = links["service_location"].get(sid)
    return {
        "id": sid,
        "line": line,
        "organization_id": row["organization_id"],
        "name": row["name"],
        "description": row.get("description", ""),
        "url": row.get("url", ""),
        "email": row.get("email", ""),
        "status": STATUS_FROM_HSDS[status],
        "application_process": row.get("application_process", ""),
        "fees_description": row.get("fees_description", "") or row.get("fees", ""),
        "eligibility_description": row.get("eligibility_description", ""),
        "assured_date": assured,
        "phone": links["service_phone"].get(sid, ""),
        "address": links["addresses"].get(location_id) if location_id else None,
        "schedule": "\n".join(links["schedules"].get(sid, ())),
        "documents": links["documents"].get(sid, []),
        "areas": links["areas"].get(sid, []),
        "languages": links["languages"].get(sid, []),
        "needs": links["needs"].get(sid, []),
    }


def _index_links(tables):
    """The rows that hang off an organisation or a service, by its id."""
    locations = {row["id"]: row for _line, row in tables["location"] if row.get("id")}
    addresses = {}
    for _line, row in tables["address"]:
        if row.get("location_id") and (
            row.get("address_type", "physical") in ("", "physical")
            or row["location_id"] not in addresses
        ):
            addresses[row["location_id"]] = {
                key: row.get(key, "") for key in ADDRESS_KEYS
            }
    service_location = {}
    linked_locations = set()
    for _line, row in tables["service_at_location"]:
        if row.get("service_id") and row.get("location_id"):
            service_location.setdefault(row["service_id"], row["location_id"])
            linked_locations.add(row["location_id"])
    org_address = {}
    for location_id, row in locations.items():
        org_id = row.get("organization_id")
        if org_id and location_id not in linked_locations and location_id in addresses:
            org_address.setdefault(org_id, addresses[location_id])
    org_phone, service_phone = {}, {}
    for _line, row in tables["phone"]:
        if not row.get("number"):
            continue
        if row.get("service_id"):
            service_phone.setdefault(row["service_id"], row["number"])
        elif row.get("organization_id"):
            org_phone.setdefault(row["organization_id"], row["number"])
    return {
        "addresses": addresses,
        "service_location": service_location,
        "org_address": org_address,
        "org_phone": org_phone,
        "service_phone": service_phone,
        **_index_details(tables),
    }


def _index_details(tables):
    """Schedules, documents, areas, languages and needs, by service id."""
    schedules = {}
    for _line, row in tables["schedule"]:
        if row.get("service_id"):
            text = row.get("description") or _schedule_text(row)
            if text:
                schedules.setdefault(row["service_id"], []).append(text)
    documents, areas, languages, needs = {}, {}, {}, {}
    for _line, row in tables["required_document"]:
        if row.get("service_id") and row.get("document"):
            documents.setdefault(row["service_id"], []).append(row["document"])
    for _line, row in tables["service_area"]:
        if row.get("service_id") and row.get("name"):
            areas.setdefault(row["service_id"], []).append(row["name"])
    for _line, row in tables["language"]:
        if row.get("service_id") and (row.get("code") or row.get("name")):
            languages.setdefault(row["service_id"], []).append(
                (row.get("code", ""), row.get("name", ""))
            )
    terms = {row["id"]: row for _line, row in tables["taxonomy_term"] if row.get("id")}
    for _line, row in tables["attribute"]:
        term = terms.get(row.get("taxonomy_term_id"))
        if row.get("link_id") and term:
            needs.setdefault(row["link_id"], []).append(
                (term.get("code", ""), term.get("name", ""))
            )
    return {
        "schedules": schedules,
        "documents": documents,
        "areas": areas,
        "languages": languages,
        "needs": needs,
    }


def _schedule_text(row):
    """A readable line of a structured schedule row (byday, opens/closes at)."""
    parts = [row.get("byday", ""), row.get("opens_at", ""), row.get("closes_at", "")]
    if not any(parts):
        return ""
    hours = "-".join(part for part in parts[1:] if part)
    return " ".join(part for part in (parts[0], hours) if part)
