from duizhao.talks import (
    BETWEEN_MEMBERS,
    DEPARTMENT_HEAD,
    WITH_PRINCIPAL,
    Member,
    Pair,
    coverage,
    required_pairs,
)

SECRETARY = Member("1", "王书记", principal=True)
DEPUTY = Member("2", "李副书记", oversees=("h1", "h2"))
MEMBER = Member("3", "赵委员", oversees=("h2",))
TEAM = [DEPUTY, SECRETARY, MEMBER]


def test_principal_first_then_members_then_department_heads() -> None:
    assert required_pairs(TEAM) == [
        Pair("1", "2", WITH_PRINCIPAL),
        Pair("1", "3", WITH_PRINCIPAL),
        Pair("2", "3", BETWEEN_MEMBERS),
        Pair("2", "h1", DEPARTMENT_HEAD),
        Pair("2", "h2", DEPARTMENT_HEAD),
        Pair("3", "h2", DEPARTMENT_HEAD),
    ]


def test_team_without_principal_pairs_everyone_in_team_order() -> None:
    team = [Member("a", "甲"), Member("b", "乙"), Member("c", "丙")]
    assert required_pairs(team) == [Pair("a", "b", BETWEEN_MEMBERS), Pair("a", "c", BETWEEN_MEMBERS),
                                    Pair("b", "c", BETWEEN_MEMBERS)]


def test_two_principals_talk_as_principal_pair() -> None:
    team = [Member("a", "甲"), Member("s", "书记", principal=True), Member("d", "局长", principal=True)]
    assert required_pairs(team)[0] == Pair("s", "d", WITH_PRINCIPAL)
    assert required_pairs(team)[-1] == Pair("d", "a", WITH_PRINCIPAL)


def test_no_duplicates() -> None:
    head_in_team = Member("2", "李副书记", oversees=("3", "2", "h", "h", ""))
    pairs = required_pairs([SECRETARY, head_in_team, MEMBER, MEMBER])
    assert len({p.keys for p in pairs}) == len(pairs) == 5  # 3 in the team, 2-h, 3-h2
    assert Pair("2", "3", BETWEEN_MEMBERS) in pairs  # the team reason wins over the department one


def test_alone_or_empty_needs_no_talk() -> None:
    assert required_pairs([]) == []
    assert required_pairs([SECRETARY]) == []


def test_coverage_counts_either_order_and_ignores_others() -> None:
    result = coverage(TEAM, [("2", "1"), ("3", "h2"), ("x", "y"), ("1", "1")])
    assert [(p.a, p.b) for p in result.missing] == [("1", "3"), ("2", "3"), ("2", "h1"), ("2", "h2")]
    assert frozenset(("x", "y")) in result.held
    assert frozenset(("1",)) not in result.held


def test_complete_coverage_has_nothing_missing() -> None:
    talks = [(p.b, p.a) for p in required_pairs(TEAM)]
    assert coverage(TEAM, talks).missing == []


def test_matrix() -> None:
    result = coverage(TEAM, [("1", "2")])
    assert result.matrix([SECRETARY, DEPUTY, MEMBER]) == [
        ["—", "✓", "✗"],
        ["✓", "—", "✗"],
        ["✗", "✗", "—"],
    ]
    outsider = Member("9", "外人")
    assert result.matrix([SECRETARY, outsider]) == [["—", ""], ["", "—"]]
