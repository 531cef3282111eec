"""Liaison stations."""

from sqlalchemy import or_, select

from ..extensions import db
from ..models import Station
from . import ServiceError, audit


def find_station(code: str) -> Station:
    """The station with this code; an unknown code is refused."""
    station = db.session.scalar(select(Station).where(Station.code == code))
    if station is None:
        raise ServiceError("unknown_station", code=code)
    return station


def station_or_none(code: str | None) -> Station | None:
    """No code means no station (the contact point as a whole); an unknown code is refused."""
    return find_station(code) if code else None


def create_station(code: str, name: str, address: str = "", actor=None) -> Station:
    code, name = code.strip(), name.strip()
    clash = db.session.scalar(select(Station).where(or_(Station.code == code, Station.name == name)))
    if clash is not None:
        raise ServiceError("station_exists", code=code, name=name)
    station = Station(code=code, name=name, address=address.strip())
    db.session.add(station)
    db.session.flush()
    audit.record(actor, "station.create", "station", [station.id], {"code": code, "name": name})
    return station
