"""LegisLink: public comment on law drafts for grassroots legislative contact points."""
