"""Access policies: each rule about who may see what, written once, as a `Q`.

A policy states its rule as a `Q` over its model's fields (`rule(user)`: `Q()` for
everything, `NOTHING` for nothing). From that one definition it answers both questions
(Wagtail's permission policies ask them the same way):

- `visible_to(user, queryset=None)`: which objects the user may see, for lists, feeds,
  exports, the admin and prefetches;
- `can_view(user, obj)`: may the user see this one object, for pages, files and the
  report builder. The same `Q` is evaluated against the object's fields in Python
  (see `matches`); a rule holding an expression Python cannot evaluate (an `Exists`) is
  asked of the database instead, in one query.

A lookup through a multi-valued relation (`sources__organization__in=ids`) means "some
related row matches", in both answers: in SQL it becomes an `EXISTS` (no join, hence no
duplicate rows), in Python it is answered over the related rows (prefetch them where a
list asks about many objects).
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.db.models.constants import LOOKUP_SEP

# The rule of a user who may see nothing: no query is run for it.
NOTHING = Q(pk__in=[])


class Unevaluable(Exception):
    """A part of a rule that only the database can answer."""


class ViewPolicy:
    """Who may see the objects of `model` ("app_label.ModelName"); subclasses give `rule`."""

    model = ""

    def rule(self, user):
        raise NotImplementedError

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def visible_to(self, user, queryset=None):
        """The objects of `queryset` (default: all) that `user` may see."""
        if queryset is None:
            queryset = self.model_class._default_manager.all()
        return queryset.filter(to_sql(self.model_class, self.rule(user)))

    def can_view(self, user, obj):
        """May `user` see `obj`: the same rule, asked of the object as it is loaded."""
        rule = self.rule(user)
        try:
            return matches(obj, rule)
        except Unevaluable:
            one = self.model_class._default_manager.filter(pk=obj.pk)
            return self.visible_to(user, one).exists()


def _rebuild(rule, lookup, expression):
    """The same tree of conditions, each (lookup, value) pair and expression replaced."""
    children = []
    for child in rule.children:
        if isinstance(child, Q):
            children.append(_rebuild(child, lookup, expression))
        elif isinstance(child, tuple):
            children.append(lookup(*child))
        else:
            children.append(expression(child))
    return Q(*children, _connector=rule.connector, _negated=rule.negated)


def prefixed(rule, path):
    """The rule on the object at `path` ("contribution"), as a rule on the object that holds it."""

    def cannot_move(expression):
        raise TypeError(f"Cannot move an expression to {path!r}: {expression!r}")

    return _rebuild(
        rule, lambda lookup, value: (f"{path}{LOOKUP_SEP}{lookup}", value), cannot_move
    )


# SQL: multi-valued relations become EXISTS.


def _relation_step(model, name):
    """The field `name` of `model` (None when it is a lookup), "pk" included."""
    if name == "pk":
        return model._meta.pk
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def to_sql(model, rule):
    """The rule with every lookup through a multi-valued relation made an `Exists`."""
    return _rebuild(
        rule,
        lambda lookup, value: _lookup_to_sql(model, lookup, value),
        lambda expression: expression,
    )


def _lookup_to_sql(model, lookup, value):
    parts = lookup.split(LOOKUP_SEP)
    current = model
    for index, name in enumerate(parts):
        field = _relation_step(current, name)
        if field is None or not field.is_relation or index == len(parts) - 1:
            return (lookup, value)
        if field.many_to_many or field.one_to_many:
            related = field.related_model
            # The name by which the related rows reach back to `current`.
            back = field.field.name if field.auto_created else field.related_query_name()
            outer = LOOKUP_SEP.join(parts[:index]) or "pk"
            rest = LOOKUP_SEP.join(parts[index + 1 :])
            inner = related._default_manager.filter(
                to_sql(related, Q((rest, value))), **{back: OuterRef(outer)}
            )
            return Q(Exists(inner))
        current = field.related_model
    return (lookup, value)


# Python: the same rule, asked of one object.

LOOKUPS = {
    "exact": lambda actual, value: actual is not None and actual == value,
    "in": lambda actual, values: actual is not None and actual in values,
    "gt": lambda actual, value: actual is not None and actual > value,
    "gte": lambda actual, value: actual is not None and actual >= value,
    "lt": lambda actual, value: actual is not None and actual < value,
    "lte": lambda actual, value: actual is not None and actual <= value,
}


def matches(obj, rule):
    """Does `obj` satisfy `rule`, as the database would answer (Unevaluable if unsure)."""
    results = []
    for child in rule.children:
        if isinstance(child, Q):
            results.append(matches(obj, child))
        elif isinstance(child, tuple):
            results.append(_lookup_matches(obj, child[0].split(LOOKUP_SEP), child[1]))
        else:
            raise Unevaluable(child)
    answer = any(results) if rule.connector == Q.OR else all(results)
    return not answer if rule.negated else answer


def _pk(value):
    return getattr(value, "pk", value)


def _lookup_matches(obj, parts, value):
    model = type(obj) if obj is not None else None
    name, rest = parts[0], parts[1:]
    field = _relation_step(model, name) if model is not None else None
    if field is None:
        raise Unevaluable(LOOKUP_SEP.join(parts))
    if field.is_relation and rest and _relation_step(field.related_model, rest[0]) is not None:
        if field.many_to_many or field.one_to_many:
            accessor = field.get_accessor_name() if field.auto_created else field.name
            related = getattr(obj, accessor).all()
            return any(_lookup_matches(item, rest, value) for item in related)
        target = getattr(obj, field.name)
        if target is None:
            # As a join on a missing row: only "is null" holds.
            return rest[-1:] == ["isnull"] and bool(value)
        return _lookup_matches(target, rest, value)
    if field.many_to_many or field.one_to_many:
        raise Unevaluable(LOOKUP_SEP.join(parts))
    actual = getattr(obj, field.attname)
    lookup = rest[0] if rest else "exact"
    if len(rest) > 1:
        raise Unevaluable(LOOKUP_SEP.join(parts))
    if lookup == "isnull":
        return (actual is None) == bool(value)
    if lookup == "exact" and value is None:
        return actual is None
    if lookup not in LOOKUPS or _is_query(value):
        raise Unevaluable(LOOKUP_SEP.join(parts))
    value = {_pk(item) for item in value} if lookup == "in" else _pk(value)
    return LOOKUPS[lookup](actual, value)


def _is_query(value):
    return hasattr(value, "query") or hasattr(value, "resolve_expression")
