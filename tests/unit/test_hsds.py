import csv
import datetime
import io
import zipfile

import pytest
from baom_referral_tools import hsds

ORG = {
    "id": "0b8d3b5e-7a43-4c1e-9f6c-1a2b3c4d5e6f",
    "name": "CNSS Agadir",
    "description": "Caisse nationale de sécurité sociale",
    "email": "agadir@cnss.ma",
    "website": "https://www.cnss.ma",
    "phone": "+212528000000",
    "address": {
        "address_1": "Avenue Hassan II",
        "address_2": "",
        "city": "Agadir",
        "state_province": "Souss-Massa",
        "postal_code": "80000",
        "country": "MA",
    },
}
SERVICE = {
    "id": "5a1e2c3d-0000-4000-8000-000000000001",
    "organization_id": ORG["id"],
    "name": "Pension des ayants droit",
    "description": "<p>Dossier de pension de réversion</p>",
    "url": "https://www.cnss.ma/pension",
    "email": "pension@cnss.ma",
    "status": "temporarily_closed",
    "application_process": "Déposer le dossier au guichet",
    "fees_description": "",
    "eligibility_description": "Veuves et orphelins d'assurés",
    "assured_date": datetime.date(2026, 3, 1),
    "phone": "+212528111111",
    "address": {
        "address_1": "Rue 12",
        "address_2": "Bureau 3",
        "city": "Biougra",
        "state_province": "",
        "postal_code": "",
        "country": "MA",
    },
    "schedule": "Lun-Ven 8h30-16h30",
    "documents": ["Passeport", "Acte de décès"],
    "areas": ["Chtouka Ait Baha"],
    "languages": [("ar", "Arabic"), ("fr", "French")],
    "needs": [("PENSION", "Pension")],
}


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _csv(rows):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue()


def test_round_trip_keeps_every_field():
    data = hsds.write_zip(hsds.tables_from_directory([ORG], [SERVICE]))
    orgs, services, problems = hsds.directory_from_tables(hsds.read_zip(data))
    assert problems == []
    assert len(orgs) == 1 and len(services) == 1
    org = {k: v for k, v in orgs[0].items() if k != "line"}
    service = {k: v for k, v in services[0].items() if k != "line"}
    assert org == ORG
    assert service == SERVICE


def test_export_uses_hsds3_file_and_column_names():
    data = hsds.write_zip(hsds.tables_from_directory([ORG], [SERVICE]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        service_header = archive.read("service.csv").decode().splitlines()[0]
        schedule = archive.read("schedule.csv").decode()
    for table in ("organization", "service", "location", "phone", "schedule"):
        assert f"{table}.csv" in names
    assert service_header.startswith("id,organization_id,program_id,name")
    assert "assured_date" in service_header
    assert "Lun-Ven 8h30-16h30" in schedule
    rows = hsds.read_zip(data)["service"]
    assert rows[0][1]["status"] == "temporarily closed", "HSDS spelling, not our key"


def test_export_identifiers_are_stable():
    first = hsds.tables_from_directory([ORG], [SERVICE])
    second = hsds.tables_from_directory([ORG], [SERVICE])
    assert first == second


def test_not_a_zip_is_refused():
    with pytest.raises(hsds.HsdsError) as error:
        hsds.read_zip(b"id,name\n1,CNSS\n")
    assert error.value.code == "not_zip"


def test_missing_service_file_is_refused():
    data = _zip({"organization.csv": _csv([["id", "name"], ["o1", "CNSS"]])})
    with pytest.raises(hsds.HsdsError) as error:
        hsds.read_zip(data)
    assert error.value.code == "missing_file"
    assert error.value.params == {"file": "service.csv"}


def test_missing_required_column_is_refused():
    data = _zip(
        {
            "organization.csv": _csv([["id", "name"], ["o1", "CNSS"]]),
            "service.csv": _csv([["id", "name"], ["s1", "Pension"]]),
        }
    )
    with pytest.raises(hsds.HsdsError) as error:
        hsds.read_zip(data)
    assert error.value.code == "missing_columns"
    assert error.value.params["columns"] == "organization_id"


def test_non_utf8_file_is_refused():
    data = _zip(
        {
            "organization.csv": "id,name\no1,Sécurité\n".encode("latin-1"),
            "service.csv": "id,organization_id,name\n",
        }
    )
    with pytest.raises(hsds.HsdsError) as error:
        hsds.read_zip(data)
    assert error.value.code == "encoding"


def test_too_many_members_is_refused():
    files = {f"extra{index}.txt": "x" for index in range(hsds.MAX_MEMBERS + 1)}
    with pytest.raises(hsds.HsdsError) as error:
        hsds.read_zip(_zip(files))
    assert error.value.code == "too_large"


def test_plural_names_in_a_folder_and_bom_are_read():
    data = _zip(
        {
            "export/organizations.csv": "\ufeffid,name\no1,CNSS\n".encode(),
            "export/services.csv": _csv(
                [["id", "organization_id", "name", "status"], ["s1", "o1", "X", ""]]
            ),
        }
    )
    orgs, services, problems = hsds.directory_from_tables(hsds.read_zip(data))
    assert [o["name"] for o in orgs] == ["CNSS"]
    assert services[0]["status"] == "active"
    assert problems == []


def test_bad_rows_are_reported_one_by_one_and_the_rest_kept():
    data = _zip(
        {
            "organization.csv": _csv(
                [["id", "name"], ["o1", "CNSS"], ["o1", "Twice"], ["", "No id"]]
            ),
            "service.csv": _csv(
                [
                    ["id", "organization_id", "name", "status", "assured_date"],
                    ["s1", "o1", "Good", "active", "2026-01-31"],
                    ["s2", "nowhere", "Orphan", "active", ""],
                    ["s3", "o1", "Odd status", "sleeping", ""],
                    ["s4", "o1", "Odd date", "active", "31/01/2026"],
                    ["s5", "o1", "", "active", ""],
                ]
            ),
        }
    )
    orgs, services, problems = hsds.directory_from_tables(hsds.read_zip(data))
    assert [o["id"] for o in orgs] == ["o1"]
    assert [s["id"] for s in services] == ["s1"]
    assert services[0]["assured_date"] == datetime.date(2026, 1, 31)
    codes = [(p["file"], p["line"], p["code"]) for p in problems]
    assert codes == [
        ("organization.csv", 3, "duplicate_id"),
        ("organization.csv", 4, "missing_id"),
        ("service.csv", 3, "unknown_organization"),
        ("service.csv", 4, "bad_status"),
        ("service.csv", 5, "bad_date"),
        ("service.csv", 6, "missing_name"),
    ]


def test_structured_schedule_without_description_is_readable():
    data = _zip(
        {
            "organization.csv": _csv([["id", "name"], ["o1", "CNSS"]]),
            "service.csv": _csv([["id", "organization_id", "name"], ["s1", "o1", "X"]]),
            "schedule.csv": _csv(
                [
                    ["id", "service_id", "byday", "opens_at", "closes_at"],
                    ["h1", "s1", "MO,TU", "08:30", "16:30"],
                ]
            ),
        }
    )
    _orgs, services, _problems = hsds.directory_from_tables(hsds.read_zip(data))
    assert services[0]["schedule"] == "MO,TU 08:30-16:30"
