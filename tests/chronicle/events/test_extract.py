"""Events of tiny inline texts, through the committed spaCy pipeline, mentions and timexes."""

from __future__ import annotations

from datetime import date

import pytest

from chronicle.entities import mentions_from_doc
from chronicle.events import events_from_doc
from chronicle.nlp import load_pipeline
from chronicle.timex import tag_timexes

DOC = "0123456789abcdef"


def events(text: str, reference: date | None = None) -> list[dict]:
    """Event rows with participants shown as page-level keys instead of ids."""
    doc = load_pipeline()(text)
    mentions = mentions_from_doc(doc, DOC)
    key = {m["entity_id"]: m["doc_entity_key"] for m in mentions}
    timexes = [t.__dict__ for t in tag_timexes(text, reference)]
    rows = events_from_doc(doc, DOC, mentions, timexes)
    for row in rows:
        for column in ("actor_ids", "target_ids"):
            row[column] = [key[i] for i in row[column]]
        for column in ("location_id", "reported_by"):
            row[column] = key.get(row[column]) if row[column] else None
        assert text[row["start"] : row["end"]].strip() == text[row["start"] : row["end"]]
        assert row["start"] <= row["trigger_start"] < row["end"]
    return rows


def only(rows: list[dict], event_type: str) -> dict:
    found = [r for r in rows if r["event_type"] == event_type]
    assert len(found) == 1, rows
    return found[0]


def test_pledge_with_its_year_actor_state_and_target() -> None:
    text = (
        "In 2005, Russian President Vladimir Putin pledged to provide weapons and training "
        "to the Palestinian Authority (PA)."
    )
    event = only(events(text), "material_cooperation")
    assert event["actor_ids"] == ["PERSON|vladimir putin"]
    assert event["actor_states"] == ["RU"]
    assert event["target_ids"] == ["ORG|palestinian authority"]
    assert (event["date_value"], event["date_precision"]) == ("2005", "year")
    assert event["date_start"] == date(2005, 1, 1) and event["date_end"] == date(2005, 12, 31)
    assert event["date_basis"] == "expression"
    assert event["pledged"] and not event["negated"] and not event["hypothetical"]
    assert event["trigger"] == "provide"


def test_meeting_dated_by_a_weekday_resolved_on_the_reference_date() -> None:
    text = "Israeli Prime Minister Naftali Bennett met Vladimir Putin in Sochi on Friday."
    event = only(events(text, date(2021, 10, 25)), "consult")
    assert event["actor_ids"] == ["PERSON|naftali bennett"]
    assert event["actor_states"] == ["IL"]
    assert event["target_ids"] == ["PERSON|vladimir putin"]
    assert event["location_id"] == "GPE|sochi"
    assert event["date_value"] == "2021-10-22" and event["date_precision"] == "day"


def test_capital_metonymy_gives_the_state() -> None:
    event = only(events("Moscow condemned the Israeli strikes on Gaza."), "disapprove")
    assert event["actor_ids"] == ["GPE|moscow"]
    assert event["actor_states"] == ["RU"]


def test_negation_and_modality_flags() -> None:
    negated = only(events("Russia did not attack Ukraine."), "assault")
    assert negated["negated"] and not negated["hypothetical"]
    future = only(events("Putin will visit Israel."), "consult")
    assert future["hypothetical"] and not future["negated"]
    planned = only(events("Putin plans to visit Israel."), "consult")
    assert planned["hypothetical"]


def test_reporting_speaker_is_not_an_actor() -> None:
    text = "Maria Zakharova said that Israel attacked Gaza on Tuesday."
    event = only(events(text, date(2022, 8, 10)), "assault")
    assert event["reported_by"] == "PERSON|maria zakharova"
    assert event["actor_ids"] == ["GPE|IL"]
    assert event["date_value"] == "2022-08-09"


def test_arguments_do_not_cross_sentences() -> None:
    text = "Vladimir Putin arrived in Tehran. The talks with Iran lasted three hours."
    arrival, talks = sorted(events(text), key=lambda r: r["start"])
    assert arrival["actor_ids"] == ["PERSON|vladimir putin"]
    assert text[talks["trigger_start"] :].startswith("talks")
    assert talks["target_ids"] == ["GPE|IR"]
    assert "PERSON|vladimir putin" not in talks["actor_ids"] + talks["target_ids"]


def test_a_trigger_without_named_participants_is_no_event() -> None:
    assert events("The officials met for three hours and signed nothing.") == []


def test_period_bounds_do_not_date_the_event() -> None:
    event = only(events("Since 2014, Russia has attacked Ukraine."), "assault")
    assert event["date_value"] is None and event["timex_start"] is None


def test_repeated_mentions_merge_into_one_event() -> None:
    text = (
        "Vladimir Putin met Naftali Bennett on Friday. "
        "Putin also met Bennett on Friday, aides said."
    )
    rows = [r for r in events(text, date(2021, 10, 25)) if r["event_type"] == "consult"]
    assert len(rows) == 1
    assert rows[0]["mention_count"] == 2 and len(rows[0]["evidence_spans"]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Since February 24, when the Kremlin deployed troops into Ukraine, prices rose.",
         ("2022-02-24", "landmark")),
        ("On February 24, the Kremlin deployed troops into Ukraine.", ("2022-02-24", "landmark")),
        ("On March 3, the Kremlin deployed troops into Ukraine.", (None, None)),
    ],
)  # fmt: skip
def test_yearless_landmark_days(text: str, expected: tuple) -> None:
    event = only(events(text), "mobilize")
    assert (event["date_value"], event["date_basis"]) == expected


def test_a_descriptor_resolves_to_the_person_the_page_means() -> None:
    text = (
        "Russian President Vladimir Putin arrived in Ankara on Monday. "
        "On Tuesday the Russian President met Turkish President Recep Tayyip Erdogan."
    )
    rows = [r for r in events(text, date(2021, 9, 29)) if r["trigger"] == "met"]
    assert len(rows) == 1
    assert rows[0]["actor_ids"] == ["PERSON|vladimir putin"]
    assert rows[0]["actor_states"] == ["RU"]
    assert rows[0]["target_states"] == ["TR"]
    assert rows[0]["date_value"] == "2021-09-28"


# ---------------------------------------------------------------- CAMEO codes and sectors


def test_troops_give_the_state_and_the_military_sector() -> None:
    event = only(events("Russian troops attacked Ukraine."), "assault")
    assert (event["actor_states"], event["actor_countries"]) == (["RU"], ["RUS"])
    assert event["actor_sectors"] == ["MIL"]
    assert (event["target_states"], event["target_countries"]) == (["UA"], ["UKR"])


def test_a_president_described_by_nationality_is_government() -> None:
    event = only(events("The Iranian president met Russian President Vladimir Putin."), "consult")
    assert (event["actor_countries"], event["actor_sectors"]) == (["IRN"], ["GOV"])
    assert event["target_ids"] == ["PERSON|vladimir putin"]
    assert event["target_sectors"] == ["GOV"]  # his role on the page: President


def test_a_verb_pattern_gives_the_most_specific_cameo_code() -> None:
    sanctions = only(events("Russia imposed sanctions on Iran."), "coerce")
    assert sanctions["cameo_code"] == "163"  # CAMEO: impose embargo, boycott or sanctions
    assert sanctions["actor_ids"] == ["GPE|RU"] and sanctions["target_ids"] == ["GPE|IR"]
    meeting = only(events("Putin met Erdogan."), "consult")
    assert meeting["cameo_code"] == "040"  # no finer pattern: the root's own code


def test_police_and_protesters_sectors() -> None:
    event = only(events("Israeli police arrested two Palestinian protesters."), "coerce")
    assert event["actor_sectors"] == ["COP"] and event["target_sectors"] == ["OPP"]
    assert event["cameo_code"].startswith("17")


def test_an_intergovernmental_organisation_is_igo() -> None:
    event = only(events("The United Nations condemned the attack."), "disapprove")
    assert event["actor_sectors"] == ["IGO"]


# ---------------------------------------------------------------- where news puts events


def test_artillery_fire_is_fighting_and_a_missile_is_a_launch() -> None:
    assert only(events("North Korea fired artillery rounds at the border."), "fight")
    assert only(events("Iran fired a missile at Israel."), "launch")


def test_accusation_reports_the_act_of_the_accused() -> None:
    rows = events("Moscow blamed Kyiv for the attack on the bridge.")
    blame = only(rows, "disapprove")
    assert blame["actor_ids"] == ["GPE|moscow"] and blame["target_ids"] == ["GPE|kyiv"]
    attack = only(rows, "assault")
    assert attack["actor_ids"] == ["GPE|kyiv"] and attack["reported_by"] == "GPE|moscow"


def test_a_quantity_of_a_group_is_the_group() -> None:
    event = only(events("Thousands of Serbs protested against NATO in Belgrade."), "protest")
    assert event["actor_ids"] == ["NORP|serb"]
    assert event["target_ids"] == ["ORG|north atlantic treaty organization"]
    assert event["location_id"] == "GPE|belgrade"


def test_it_and_a_quoted_we_resolve_to_the_named_speaker() -> None:
    review = only(events("The Justice Department said it was reviewing the case."), "investigate")
    assert review["actor_ids"] == ["ORG|justice department"]
    withdraw = only(events('"We will not withdraw," Putin said.'), "yield")
    assert withdraw["actor_ids"] == ["PERSON|putin"] and withdraw["negated"]


def test_a_promised_act_has_the_promiser_as_actor() -> None:
    event = only(events("Castro promised mass mobilization."), "mobilize")
    assert event["actor_ids"] == ["PERSON|castro"]
    assert event["pledged"]


def test_threat_and_the_threatened_attack() -> None:
    rows = events("Hamas threatened to attack Israel.")
    assert only(rows, "threaten")["actor_ids"] == ["ORG|hamas"]
    attack = only(rows, "assault")
    assert attack["actor_ids"] == ["ORG|hamas"] and attack["target_ids"] == ["GPE|IL"]
    assert attack["hypothetical"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Britain expelled two Russian diplomats.", "coerce"),
        ("China rejected the proposal by Japan.", "reject"),
        ("Iran demanded that the United States lift the sanctions.", "demand"),
        ("The Kremlin deployed troops into Ukraine.", "mobilize"),
        ("Venezuela seized an American oil tanker.", "coerce"),
        ("Greek unions staged a general strike against the government.", "protest"),
    ],
)
def test_weak_classes(text: str, event_type: str) -> None:
    event = only(events(text), event_type)
    assert event["actor_states"] and event["cameo_code"][:2] in {
        "coerce": ("16", "17"), "reject": ("12",), "demand": ("10",), "mobilize": ("15",),
        "protest": ("14",),
    }[event_type]  # fmt: skip


def test_dates_beyond_the_sentence_say_how_they_were_found() -> None:
    text = (
        "On Thursday, Iranian President Ebrahim Raisi met Vladimir Putin in Moscow.\n\n"
        "Officials said Friday that Russia condemned the Israeli strikes on Gaza. "
        "Putin later praised Raisi."
    )
    rows = events(text, date(2023, 12, 8))
    meeting = only(rows, "consult")
    assert (meeting["date_value"], meeting["date_basis"]) == ("2023-12-07", "expression")
    # The condemnation is in the clause of "said Friday": its sentence's time.
    condemned = only(rows, "disapprove")
    assert (condemned["date_value"], condemned["date_basis"]) == ("2023-12-08", "sentence")


def test_a_paragraph_keeps_the_time_it_opens_with() -> None:
    text = (
        "On Thursday, Iranian President Ebrahim Raisi met Vladimir Putin in Moscow. "
        "Putin then condemned the Israeli strikes on Gaza."
    )
    rows = events(text, date(2023, 12, 8))
    condemned = only(rows, "disapprove")
    assert (condemned["date_value"], condemned["date_basis"]) == ("2023-12-07", "paragraph")
    # An event noun of that sentence is background, not the paragraph's happening.
    assert only(rows, "fight")["date_value"] is None


def test_future_clauses_take_no_time_from_context() -> None:
    text = (
        "On Thursday, Iranian President Ebrahim Raisi met Vladimir Putin in Moscow. "
        "Putin will visit Iran."
    )
    visit = [r for r in events(text, date(2023, 12, 8)) if r["trigger"] == "visit"]
    assert visit and visit[0]["date_value"] is None


# ---------------------------------------------------------------- argument structure


def test_the_agent_of_a_passive_light_verb_acts() -> None:
    rows = events("American officials allege the attacks were plotted by Osama bin Laden.")
    attack = only(rows, "assault")
    assert attack["actor_ids"] == ["PERSON|osama bin laden"]
    assert attack["reported_by"] == "NORP|american"


def test_a_pronoun_subject_of_reported_speech_is_the_speaker() -> None:
    arrest = only(events("Tanzanian police said they had arrested two Kenyans."), "coerce")
    assert arrest["actor_states"] == ["TZ"] and arrest["actor_sectors"] == ["COP"]
    assert arrest["target_ids"] == ["NORP|kenyan"]
    assert only(events("Kenya said it had arrested two Sudanese."), "coerce")["actor_ids"] == [
        "GPE|KE"
    ]


def test_a_compound_event_noun_takes_its_phrase_arguments() -> None:
    rows = events("Canadian authorities issued an arrest warrant for James Kopp.")
    warrant = only(rows, "coerce")
    assert warrant["actor_states"] == ["CA"]
    assert warrant["target_ids"] == ["PERSON|james kopp"]


def test_coordinated_passives_share_their_subject() -> None:
    rows = events("James Kopp was arrested in France and extradited to the United States.")
    assert only(rows, "coerce")["target_ids"] == ["PERSON|james kopp"]
    extradition = only(rows, "material_cooperation")
    assert extradition["target_ids"] == ["PERSON|james kopp", "GPE|US"]
    assert extradition["actor_ids"] == []


def test_a_merged_conjunct_brings_its_date_with_how_it_was_found() -> None:
    rows = events(
        "Ramush Haradinaj resigned his post and surrendered to The Hague tribunal in March.",
        reference=date(2015, 11, 12),
    )
    dated = [r for r in rows if r["date_value"] is not None]
    assert dated, rows
    for row in dated:
        assert row["date_value"] == "2015-03"
        assert row["date_precision"] == "month"
        assert row["date_basis"] is not None


def test_distinct_coordinated_acts_are_distinct_events() -> None:
    rows = events("Venezuela expelled the Colombian ambassador and seized two American ships.")
    by_trigger = {r["trigger"]: r for r in rows}
    assert by_trigger["expelled"]["target_ids"] == ["NORP|colombian"]
    assert by_trigger["seized"]["target_ids"] == ["NORP|american"]
    assert by_trigger["seized"]["actor_ids"] == ["GPE|VE"]


def test_a_possessive_pronoun_is_the_subject_of_its_clause() -> None:
    attacks = only(events("Russia stepped up its attacks on Ukraine."), "assault")
    assert (attacks["actor_ids"], attacks["target_ids"]) == (["GPE|RU"], ["GPE|UA"])


def test_the_nominal_event_takes_its_by_phrase() -> None:
    rows = events("Putin condemned the invasion of Ukraine by Russia.")
    assert only(rows, "disapprove")["actor_ids"] == ["PERSON|putin"]
    invasion = only(rows, "fight")
    assert (invasion["actor_ids"], invasion["target_ids"]) == (["GPE|RU"], ["GPE|UA"])


def test_a_plural_role_noun_stands_for_its_coordinated_states() -> None:
    treaty = only(events("The presidents of Poland and Hungary signed the treaty."),
                  "diplomatic_cooperation")  # fmt: skip
    assert treaty["actor_states"] == ["PL", "HU"]


def test_a_passive_accusation_is_a_charge_and_reports_the_act() -> None:
    rows = events("Osama bin Laden is accused of masterminding the attack.")
    assert only(rows, "coerce")["target_ids"] == ["PERSON|osama bin laden"]
    assert only(rows, "assault")["actor_ids"] == ["PERSON|osama bin laden"]


def test_a_vow_of_force_is_a_threat_and_a_denied_report_a_rejection() -> None:
    rows = events("Iran vowed to attack Israel.")
    assert only(rows, "threaten")["actor_ids"] == ["GPE|IR"]
    assert only(rows, "assault")["hypothetical"] or only(rows, "assault")["pledged"]
    assert only(events("The Kremlin denied the report."), "reject")["actor_states"] == ["RU"]
    assert not [r for r in events("The Kremlin denied that it had troops there.")
                if r["event_type"] == "reject"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "event_type", "actor_states", "target_ids"),
    [
        ("Egyptian workers went on strike over unpaid wages.", "protest", ["EG"], []),
        ("Hundreds of Kenyans took to the streets of Nairobi.", "protest", ["KE"], []),
        ("Russia massed troops on the Ukrainian border.", "mobilize", ["RU"], ["NORP|ukrainian"]),
        ("Iran held military exercises in the Gulf.", "mobilize", ["IR"], []),
        ("Azerbaijan attacked Armenian positions with artillery.", "fight", ["AZ"],
         ["NORP|armenian"]),
        ("North Korea threatened to strike Guam.", "threaten", ["KP"], ["GPE|GU"]),
        ("Ukraine demanded that Russia withdraw its troops.", "demand", ["UA"], ["GPE|RU"]),
    ],
)  # fmt: skip
def test_weak_classes_where_news_puts_them(
    text: str, event_type: str, actor_states: list[str], target_ids: list[str]
) -> None:
    event = only(events(text), event_type)
    assert event["actor_states"] == actor_states
    assert event["target_ids"] == target_ids


def test_a_protest_outside_an_embassy_targets_its_state() -> None:
    event = only(events("Demonstrators protested outside the U.S. embassy in Manila."), "protest")
    assert event["target_states"] == ["US"]


@pytest.mark.parametrize(
    ("text", "event_type", "actor_ids", "target_ids"),
    [
        ("Two Israeli soldiers were killed by Hezbollah militants.", "assault",
         ["ORG|hezbollah"], ["NORP|israeli"]),
        ("Russian troops, who crossed into Ukraine on Monday, shelled Kharkiv.", "fight",
         ["NORP|russian"], ["LOC|kharkiv"]),
        ("Troops sent by Moscow to Belarus took part in the drills.", "mobilize",
         ["GPE|moscow"], ["GPE|BY"]),
        ("The invasion of Ukraine by Russia began in February.", "fight", ["GPE|RU"],
         ["GPE|UA"]),
        ("Israel and Hamas clashed in Gaza.", "fight", ["GPE|IL", "ORG|hamas"], []),
    ],
)  # fmt: skip
def test_passives_relatives_participles_and_nominals(
    text: str, event_type: str, actor_ids: list[str], target_ids: list[str]
) -> None:
    event = only(events(text), event_type)
    assert (event["actor_ids"], event["target_ids"]) == (actor_ids, target_ids)


def test_the_alliance_is_the_one_intergovernmental_body_the_page_names() -> None:
    rows = events("NATO met in Brussels on Monday. The alliance condemned Russia.")
    assert only(rows, "disapprove")["actor_ids"] == ["ORG|north atlantic treaty organization"]
    rows = events("The European Union and NATO met. The alliance condemned Russia.")
    assert only(rows, "disapprove")["actor_ids"] == []  # two bodies: which one is unclear


def test_requests_that_come_from_someone_are_theirs() -> None:
    event = only(events("Requests have come from Poland and from Hungary."), "appeal")
    assert event["actor_states"] == ["PL", "HU"]


def test_travel_home_is_no_visit() -> None:
    assert events("Russian President Vladimir Putin flew to Moscow on Friday.") == []
    trip = only(events("Russian President Vladimir Putin flew to Washington on Friday."), "consult")
    assert trip["target_states"] == ["US"]


def test_from_marks_the_source_of_an_event_noun_except_a_place_left() -> None:
    cooperation = only(
        events("Albright praised the cooperation from Kenya."), "material_cooperation"
    )
    assert cooperation["actor_states"] == ["KE"]
    withdrawal = only(events("The withdrawal from Afghanistan ended in August."), "yield")
    assert (withdrawal["actor_ids"], withdrawal["target_ids"]) == ([], ["GPE|AF"])
