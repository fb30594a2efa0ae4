"""Operator commands for levels and areas: `flask --app live areas ...` (see docs/cli.md)."""
import click
from flask.cli import AppGroup

from ..dialogue import areas, spreadsheet
from ..errors import DomainError
from .cli import _domain_errors, _store, _text

areas_group = AppGroup("areas", help="The areas events are held in: the province, its communes and wards.")


@areas_group.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--level", required=True, help="province, commune, ward, special_zone (with --past: district, "
                                             "town, provincial_city, township).")
@click.option("--parent", help="The code of the area it lies in (every level but the province has one).")
@click.option("--past", is_flag=True, help="Allow the levels gone since 1 July 2025, for past dialogues.")
@_domain_errors
def add_area(code, name, level, parent, past):
    area = areas.create(_store(), "cli", code, name, level, parent=parent, past=past)
    click.echo(f"Đã thêm địa bàn {area['code']}: {area['name']}")


@areas_group.command("list")
def list_areas():
    """Each area: its code, level, name and the code of the area it lies in."""
    for area in _store().areas():
        shown = areas.view(_store(), area)
        click.echo(f"{shown['code']}\t{shown['level']}\t{shown['name']}\t{shown['parent'] or ''}")


@areas_group.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--past", is_flag=True, help="Allow the levels gone since 1 July 2025, for past dialogues.")
@_domain_errors
def import_areas(file, past):
    """Add the areas of a CSV or XLSX file (columns code, name, level, parent): every row, or none when
    any has a problem (exit 1, the row's line said)."""
    table = spreadsheet.read(file.read(), areas.COLUMNS)
    try:
        made = areas.import_table(_store(), "cli", table, past=past)
    except DomainError as problem:
        line = problem.params.pop("line", None)
        raise click.ClickException((f"dòng {line}: " if line else "") + _text(problem)) from None
    click.echo(f"Đã thêm {len(made)} địa bàn.")
