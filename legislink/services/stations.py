"""Liaison stations."""

from sqlalchemy import and_, bindparam, exists, or_, select

from ..extensions import db
from ..models import Consultation, Station, consultation_stations
from . import ServiceError, audit


def listed(active_only: bool = False) -> list[Station]:
    """Every station (or every active one), by code: what the pickers and tables show."""
    query = select(Station).order_by(Station.code)
    return list(db.session.scalars(query.where(Station.active) if active_only else query))


def by_code(code: str) -> Station | None:
    return db.session.scalar(select(Station).where(Station.code == code))


def find_station(code: str) -> Station:
    """The station with this code; an unknown code is refused."""
    station = by_code(code)
    if station is None:
        raise ServiceError("unknown_station", code=code)
    return station


def station_or_none(code: str | None) -> Station | None:
    """No code means no station (the contact point as a whole); an unknown code is refused."""
    return find_station(code) if code else None


_CHOSEN = select(consultation_stations.c.station_id).where(
    consultation_stations.c.consultation_id == bindparam("consultation_id"))
_OFFERED = (select(Station.code, Station.name)
            .where(or_(Station.id.in_(_CHOSEN), and_(Station.active, ~exists(_CHOSEN))))
            .order_by(Station.code))


def offered(consultation: Consultation) -> list[tuple[str, str]]:
    """(code, name) of the stations a resident may name: the consultation's own when it has
    any, else every active one; by code. One query, composed once: every comment form asks."""
    return [(code, name) for code, name in db.session.execute(_OFFERED, {"consultation_id": consultation.id})]


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
