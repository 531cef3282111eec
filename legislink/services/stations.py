"""Liaison stations."""

from sqlalchemy import or_, select

from ..extensions import db
from ..models import Station
from . import ServiceError, audit


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
