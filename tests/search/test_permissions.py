"""Nobody sees in results, snippets or facet counts what they may not read; changes apply at once."""
from datetime import datetime

from app.search.index import search


def facet(results, name):
    return results.facets.get(name, {})


def test_private_internal_published_by_role(make_page, secretary, member, outsider, find):
    private = make_page("Zwembadplan privé", "zwembad ontwerp", state="private")
    internal = make_page("Zwembadplan intern", "zwembad begroting", state="internal")
    published = make_page("Zwembadplan publiek", "zwembad opening", state="published")
    keys = {d: f"document:{d.id}" for d in (private, internal, published)}
    assert set(find("zwembad")) == {keys[published]}
    assert set(find("zwembad", outsider)) == {keys[published]}
    assert set(find("zwembad", member)) == {keys[internal], keys[published]}
    assert set(find("zwembad", secretary)) == set(keys.values())


def test_facet_counts_and_snippets_hide_what_may_not_be_read(make_page, member, outsider):
    make_page("Begroting openbaar", "De begroting voor fietspaden.", state="published")
    make_page("Begroting geheim", "De begroting voor het geheime dossier Kessel-Lo.", state="internal")
    public = search("begroting", outsider)
    assert public.total == 1
    assert facet(public, "type") == {"document": 1}
    assert facet(public, "state") == {"published": 1}
    assert all("Kessel" not in hit.snippet and "geheim" not in hit.title for hit in public.hits)
    inside = search("begroting", member)
    assert inside.total == 2 and facet(inside, "type") == {"document": 2}
    assert facet(inside, "state") == {"published": 1, "internal": 1}


def test_a_user_with_nothing_readable_gets_nothing(make_page):
    make_page("Alleen privé", "fietsbrug", state="private")
    results = search("fietsbrug", None)
    assert results.total == 0 and results.hits == [] and results.facets["type"] == {}


def test_workflow_change_takes_effect_at_once(make_page, secretary, find):
    from app.documents import services

    document = make_page("Fietssnelweg F25", "fietssnelweg tracé", state="private")
    assert find("fietssnelweg") == []
    services.transition_document(secretary, document, "publish")
    assert find("fietssnelweg") == [f"document:{document.id}"]
    services.transition_document(secretary, document, "make_private")
    assert find("fietssnelweg") == []


def test_membership_change_takes_effect_at_once(seeded, make_page, make_user, find):
    from app.bodies.models import Body
    from app.bodies.services import remove_membership, set_membership
    from app.extensions import db

    admin = make_user(global_role="beheerder")
    newcomer = make_user()
    document = make_page("Intern werkdocument", "werkdocument bedrijventerrein", state="internal")
    assert find("bedrijventerrein", newcomer) == []
    taskforce = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    membership = set_membership(admin, taskforce, newcomer, "lid")
    assert find("bedrijventerrein", newcomer) == [f"document:{document.id}"]
    remove_membership(admin, membership.id)
    db.session.expire_all()
    assert find("bedrijventerrein", newcomer) == []


def test_meeting_state_change_reindexes_its_items_and_decisions(make_meeting, make_decision, item_titled, find):
    from app.extensions import db

    meeting = make_meeting(state="planned", is_public=False, items=["Verkeersveiligheid schoolroutes"])
    item = item_titled(meeting, "Verkeersveiligheid schoolroutes")
    decision = make_decision(item, "De taskforce keurt het schoolroutesplan goed.")
    assert find("schoolroutes") == []
    meeting.state, meeting.is_public = "agenda_published", True
    db.session.commit()
    found = find("schoolroutes")
    assert f"agenda_item:{item.id}" in found and f"decision:{decision.id}" not in found  # not decided yet
    meeting.state = "decisions_published"  # the decision list is out: the public reads the decisions
    db.session.commit()
    found = find("schoolroutes")
    assert f"agenda_item:{item.id}" in found and f"decision:{decision.id}" in found
    item.is_public = False  # a closed item: its decision follows it out of public view
    db.session.commit()
    assert find("schoolroutes") == []


def test_deleting_removes_from_the_index(make_page, secretary, find):
    from app.documents import services

    document = make_page("Weg ermee", "verdwijnwoord", state="published")
    assert find("verdwijnwoord") == [f"document:{document.id}"]
    services.delete_document(secretary, document)
    assert find("verdwijnwoord") == []


def test_minutes_and_actions_follow_their_meeting(make_meeting, make_decision, make_minutes, make_action,
                                                 item_titled, member, find):
    from app.extensions import db

    meeting = make_meeting(start=datetime(2025, 3, 10, 13, 0), state="held", is_public=True,  # held: in the past
                           items=["Arbeidsmarkt"])
    item = item_titled(meeting, "Arbeidsmarkt")
    decision = make_decision(item, "Een jobbeurs in Diest.")
    minutes = make_minutes(item, "De leden bespraken de **knelpuntberoepen**.")
    action = make_action("Knelpuntberoepen in kaart brengen", decision=decision)
    assert f"minutes:{minutes.id}" in find("knelpuntberoepen", member)
    assert f"action:{action.id}" in find("knelpuntberoepen", member)
    assert f"minutes:{minutes.id}" not in find("knelpuntberoepen")  # draft minutes: members only
    assert f"action:{action.id}" not in find("knelpuntberoepen")  # held: the decisions are a draft
    meeting.state = "decisions_published"
    db.session.commit()
    assert f"action:{action.id}" in find("knelpuntberoepen")  # public with its published decision
    make_minutes(item, "De leden bespraken de knelpuntberoepen en stages.")
    assert f"minutes:{minutes.id}" in find("stages", member) and find("stages") == []  # still a draft
    meeting.state = "minutes_approved"
    db.session.commit()
    assert f"minutes:{minutes.id}" in find("stages")
    meeting.is_public = False
    db.session.commit()
    assert find("knelpuntberoepen") == []
