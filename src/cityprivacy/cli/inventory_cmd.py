"""``cityprivacy inventory``: systems, their datasets, and the fields with their types."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.tree import Tree

from cityprivacy.cli.db_cmd import DbOption, JsonOption, TokenOption, acting_as, office_at
from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.office_output import TypesOption, agency_codes, as_record, print_json
from cityprivacy.govern import CollectionBasis

__all__ = ["app"]

app = typer.Typer(
    help="The inventory: systems → datasets → fields with their taxonomy types.\n\n"
    "Example: cityprivacy inventory list --json",
    no_args_is_help=True,
)

_SYSTEM = ("id", "name", "description")
_DATASET = ("id", "name", "purpose", "mission_justification", "retention_schedule_id")
_FIELD = (
    "id", "name", "types", "taxonomy_version", "collection_basis", "purpose",
    "mission_justification", "retention_schedule_id",
)  # fmt: skip

PurposeOption = Annotated[str, typer.Option("--purpose", help="Why it is collected.")]
MissionOption = Annotated[
    str, typer.Option("--mission", help="How collecting it furthers the agency's mission.")
]
ScheduleOption = Annotated[
    int | None, typer.Option("--retention-schedule", help="Id of its retention schedule.")
]


def _created(kind: str, record: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(record)
    else:
        Console().print(f"created {kind} {record['id']} ({record['name']})")


@app.command("list")
def list_inventory(
    system: Annotated[int | None, typer.Option("--system", help="Only this system.")] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """The systems you may see, with their datasets and fields.

    Example: cityprivacy inventory list --system 3 --token "$CITYPRIVACY_TOKEN"
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        codes = agency_codes(o)
        fields: dict[int, list[dict[str, Any]]] = {}
        for f in o.inventory.fields():
            fields.setdefault(f.dataset_id, []).append(as_record(f, _FIELD))
        datasets: dict[int, list[dict[str, Any]]] = {}
        for d in o.inventory.datasets(system):
            datasets.setdefault(d.system_id, []).append(
                as_record(d, _DATASET, fields=fields.get(d.id, []))
            )
        systems = [
            as_record(
                s,
                _SYSTEM,
                agency_code=codes.get(s.organization_id, "?"),
                owner_code=codes.get(s.owner_organization_id, "?")
                if s.owner_organization_id is not None
                else None,
                datasets=datasets.get(s.id, []),
            )
            for s in o.inventory.systems()
            if system is None or s.id == system
        ]
    if as_json:
        print_json(systems)
        return
    tree = Tree("inventory")
    for s in systems:
        owner = f", maintained for {s['owner_code']}" if s["owner_code"] else ""
        branch = tree.add(f"system {s['id']} [bold]{s['name']}[/] ({s['agency_code']}{owner})")
        for d in s["datasets"]:
            leaf = branch.add(f"dataset {d['id']} [bold]{d['name']}[/]")
            for f in d["fields"]:
                types = ", ".join(f["types"])
                leaf.add(f"field {f['id']} {f['name']}: {types} ({f['collection_basis']})")
    Console().print(tree)


@app.command("add-system")
def add_system(
    agency: Annotated[str, typer.Argument(help="Code of the organization that runs it.")],
    name: Annotated[str, typer.Argument(help="The system's name.")],
    description: Annotated[str, typer.Option("--description", help="What it does.")] = "",
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help="Code of the data's owner, when the agency only maintains it."
        ),
    ] = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a system to an organization's inventory.

    Example: cityprivacy inventory add-system DSS "Benefits case management"
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        system = o.inventory.create_system(agency, name, description, owner_code=owner)
        record = as_record(system, _SYSTEM, agency_code=agency, owner_code=owner)
    _created("system", record, as_json)


@app.command("add-dataset")
def add_dataset(
    system_id: Annotated[int, typer.Argument(help="The system's id.")],
    name: Annotated[str, typer.Argument(help="The dataset's name.")],
    purpose: PurposeOption = "",
    mission: MissionOption = "",
    retention_schedule: ScheduleOption = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a dataset to a system.

    Example: cityprivacy inventory add-dataset 1 "Active cases" --purpose "Pay benefits"
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        dataset = o.inventory.create_dataset(
            system_id,
            name,
            purpose=purpose,
            mission_justification=mission,
            retention_schedule_id=retention_schedule,
        )
        record = as_record(dataset, ("system_id", *_DATASET))
    _created("dataset", record, as_json)


@app.command("add-field")
def add_field(
    dataset_id: Annotated[int, typer.Argument(help="The dataset's id.")],
    name: Annotated[str, typer.Argument(help="The field's name.")],
    types: TypesOption,
    basis: Annotated[
        CollectionBasis,
        typer.Option("--basis", help="Why it may be collected.", show_default=False),
    ],
    purpose: PurposeOption = "",
    mission: MissionOption = "",
    retention_schedule: ScheduleOption = None,
    db: DbOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a field to a dataset, with the taxonomy types it holds.

    Example: cityprivacy inventory add-field 2 home_address --type address --basis routine
    """
    with handle_errors(), office_at(db) as office, office.unit(acting_as(office, token)) as o:
        field = o.inventory.create_field(
            dataset_id,
            name,
            categories=types,
            collection_basis=basis,
            purpose=purpose,
            mission_justification=mission,
            retention_schedule_id=retention_schedule,
        )
        record = as_record(field, ("dataset_id", *_FIELD))
    _created("field", record, as_json)
