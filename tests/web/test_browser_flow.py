"""The web app in a real headless Chromium, through its pages only (links, buttons, forms, file
inputs): a reviewer creates a meeting from a notice and corrects an aspect; a member reads the
opinions meant for them, uploads a defective .docx, sees it marked and jumps to a finding; the
secretary returns it; the member uploads a fixed version and sees what changed; the reviewer
approves. And a reviewer comments on text selected with the mouse. Screenshots of the main pages
go to out/screenshots/ (see web.browser)."""

from __future__ import annotations

import datetime
import re
from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import expect

from duizhao_web.materials.models import Comment
from web.browser import login, shoot
from web.materials_kit import docx_bytes
from web.world import PASSWORD, World, build

pytestmark = pytest.mark.django_db(transaction=True)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEETING = "市发展改革委领导班子2026年度专题民主生活会"
WORLD_MEETING = "市发展改革委领导班子2026年度民主生活会"
OLD_ASPECT = "在落实中央八项规定精神、纠治“四风”方面"
NEW_ASPECT = "在落实中央八项规定精神、为基层减负方面"
PLACEHOLDER = "（待补充）"
OPINIONS = [("李明同志下基层调研偏少。", "李明"), ("赵红同志批评别人多，自我批评少。", "赵红"),
            ("班子研究发展问题多，研究群众身边问题少。", "班子（整体）")]
FILLED = "去年下基层调研只有六次，其中四次是陪同检查，真正蹲下去解剖麻雀的一次也没有。"


@pytest.fixture
def world(transactional_db: None) -> World:
    return build()


@pytest.fixture
def base(live_server: Any) -> str:
    return str(live_server.url)


def _problems(fixed: bool) -> list[str]:
    case = FILLED if fixed else PLACEHOLDER
    return [
        "一、存在的问题",
        "（一）在加强政治建设方面",
        "一是理论学习浮在面上。今年参加党组理论学习中心组集中学习十二次，自己主讲只有一次，学习笔记多是摘抄，"
        "联系分管的价格和能源工作谈体会少，学了不少却说不清和手头的电价改革有什么关系。",
        "二是请示报告不够及时。年中储备粮轮换出现波动，我先让处室自行处理，三天后才向主要负责同志报告，"
        "事后看是把政治问题当成了业务问题。",
        "（二）在履职尽责、担当作为方面",
        "一是遇到难题有等靠思想。城东片区供热管网改造涉及三个部门，协调两次没有结果后我就放了下来，"
        "直到群众投诉到市长热线才重新推动，整整耽误了一个采暖季的准备时间。",
        "二是抓落实不够细。分管的重点项目调度会开了不少，会后跟踪少，有的事项连续三次出现在会议纪要里仍无进展。",
        "（三）在践行以人民为中心的发展思想方面",
        "一是听取群众意见的渠道窄。信访件多由处室答复，自己亲自接访只有两次，对群众反映集中的物价问题了解不深。",
        "二是惠企政策落地慢。今年新出台的降低物流成本措施，企业申报材料多、流程长，"
        "我知道后没有及时推动简化，一些小微企业因此放弃了申报。",
        "（四）在落实中央八项规定精神、为基层减负方面",
        f"一是调查研究不深不实。{case}",
        "二是发文开会仍然偏多。分管领域今年向区县发文四十余件，其中有的只是转发，没有提出具体要求。",
    ]


def paragraphs(fixed: bool) -> list[str]:
    """Li Ming's material: the defective first version (an "XXX同志" title, a template placeholder,
    no 整改措施 part) or the fixed one."""
    title = "李明同志" if fixed else "XXX同志"
    causes = ["二、原因分析",
              "一是理想信念有所放松，对理论学习的重要性认识不足，把学习当成软任务。",
              "二是宗旨意识有所淡化，习惯于坐在办公室听汇报、看材料，和群众面对面少了。",
              "三是担当精神有所减弱，怕出错、怕担责，遇到跨部门的难题习惯于等一等、看一看。"]
    measures = ["三、整改措施",
                "一是每月围绕分管工作专题学习一次，年底前就电价改革写出一篇调研报告。",
                "二是每季度到区县蹲点调研不少于一周，群众投诉的问题建立台账，逐件销号。",
                "三是明年三月底前会同相关部门完成城东供热管网改造协调，当面向投诉群众反馈。"]
    return [f"{title}个人对照检查材料",
            "按照市委关于开好本年度民主生活会的通知要求，我认真学习了规定篇目，通过座谈、问卷广泛征求了意见，"
            "与班子成员逐一谈心，现将个人对照检查情况报告如下。",
            *_problems(fixed), *causes, *(measures if fixed else [])]


def notice() -> str:
    text = (resources.files("duizhao_web") / "demo_texts" / "notice.txt").read_text(encoding="utf-8")
    return text.replace("${year}", "2026")


INSIDE = """(selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    const box = document.querySelector('.mat-text').getBoundingClientRect();
    return r.height > 0 && r.top >= Math.max(0, box.top)
      && r.bottom <= Math.min(innerHeight, box.bottom); }"""


def visible_within(page: Any, selector: str) -> bool:
    """The element lies inside the window and inside the scrolled full text."""
    return bool(page.evaluate(INSIDE, selector))


def text_scroll(page: Any) -> float:
    return float(page.evaluate("() => window.scrollY + document.querySelector('.mat-text').scrollTop"))


def open_meeting(page: Any, name: str) -> None:
    """Click "打开" in the row of the meeting on the home page (a member's rows of own materials
    name the meeting too)."""
    page.locator("tr", has_text=name).locator("a[href^='/meetings/']").click()


# --- the steps of the flow -------------------------------------------------------------------


def create_meeting(browser: Any, base: str) -> Any:
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{base}/login/")
    shoot(page, "01-login")
    page.context.close()
    page = login(browser, base, "reviewer", PASSWORD)
    shoot(page, "02-home-reviewer")
    page.get_by_role("link", name="会议", exact=True).click()
    page.get_by_role("link", name="新建会议").click()
    page.select_option("#id_team", label="市发展改革委领导班子")
    page.fill("#id_year", "2026")
    page.check("#id_special")
    page.fill("#id_theme", "强化政治担当、狠抓工作落实")
    page.fill("#id_date", (datetime.date.today() + datetime.timedelta(days=20)).isoformat())
    page.fill("#id_notice", notice())
    page.get_by_role("button", name="创建").click()
    expect(page.locator(".messages")).to_contain_text("提取了 5 个对照方面")
    aspects = page.input_value("#id_aspects_text")
    assert OLD_ASPECT in aspects.splitlines()
    page.fill("#id_aspects_text", aspects.replace(OLD_ASPECT, NEW_ASPECT))
    shoot(page, "03-meeting-edit")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("会议信息已保存")
    return page


def check_meeting_page(page: Any) -> None:
    expect(page.locator("h1")).to_have_text(MEETING)
    aspects = page.locator("table.coverage tbody tr td:first-child").all_inner_texts()
    assert len(aspects) == 5 and NEW_ASPECT in aspects and OLD_ASPECT not in aspects
    writers = page.locator("section", has_text="对照检查材料").locator("tbody td:first-child")
    assert writers.all_inner_texts() == ["班子", "王建国", "李明", "赵红"]
    shoot(page, "04-meeting-reviewer")


def add_opinions(page: Any) -> None:
    page.get_by_role("link", name="征求意见").click()
    for text, addressee in OPINIONS:
        page.fill("#id_text", text)
        page.fill("#id_source", "座谈会")
        page.select_option("#id_addressee", label=addressee)
        page.get_by_role("button", name="添加", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("意见已添加")
    expect(page.locator("h2", has_text="全部意见")).to_have_text("全部意见（3 条）")
    shoot(page, "05-opinions-reviewer")


def member_reads_opinions(browser: Any, base: str) -> Any:
    page = login(browser, base, "member_a1", PASSWORD)
    shoot(page, "06-home-member")
    open_meeting(page, MEETING)
    shoot(page, "07-meeting-member")
    page.get_by_role("link", name="征求意见").click()
    rows = page.locator("table.grid tbody tr")
    expect(rows).to_have_count(2)
    assert [r.locator("td").all_inner_texts() for r in rows.all()] == [
        ["李明", "座谈会", OPINIONS[0][0]], ["班子", "座谈会", OPINIONS[2][0]]]
    expect(page.locator("body")).not_to_contain_text("赵红同志")
    shoot(page, "08-opinions-member")
    return page


def upload(page: Any, name: str, fixed: bool) -> None:
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": DOCX,
                                             "buffer": docx_bytes(paragraphs(fixed))}])
    page.get_by_role("button", name="上传并审核").click()
    expect(page.locator(".messages")).to_contain_text("并完成审核")


def member_uploads_defective(page: Any) -> None:
    page.locator("nav.tabs").get_by_role("link", name="会议").click()
    page.locator("tr", has_text="我的材料").get_by_role("link", name="打开").click()
    upload(page, "李明-对照检查材料.docx", fixed=False)
    expect(page).to_have_url(re.compile(r"/v1/$"))
    marked = page.locator("#fulltext mark").all_inner_texts()
    assert "XXX" in "".join(marked) and any(PLACEHOLDER in m for m in marked)
    expect(page.locator("#fulltext .zw").first).to_have_text("▲")  # the missing 整改措施 part
    expect(page.locator("#finding-list")).to_contain_text("整改措施")
    shoot(page, "09-material-v1-marked")


def member_jumps_to_a_finding(page: Any) -> None:
    item = page.locator("#finding-list li", has_text=PLACEHOLDER).first
    target = "#" + str(item.locator("a.goto").get_attribute("href")).split("#")[1]
    assert PLACEHOLDER in page.inner_text(target)
    assert not visible_within(page, target), "the placeholder should start below the fold"
    before = text_scroll(page)
    item.locator(".msg").click()
    page.wait_for_function("(s) => window.location.hash === s", arg=target)
    page.wait_for_function(INSIDE, arg=target)  # the scroll is smooth: wait for its end
    assert text_scroll(page) > before and visible_within(page, target)
    expect(page.locator(target)).to_have_class(re.compile(r"\bflash\b"))
    shoot(page, "09-material-finding-in-view", full_page=False)


def submit(page: Any) -> None:
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".messages")).to_contain_text("材料状态已改为“已提交”")


def open_li_ming(page: Any, meeting: str = MEETING) -> None:
    page.get_by_role("link", name="首页").click()
    open_meeting(page, meeting)
    page.locator("tr", has_text="李明").get_by_role("link", name="打开").click()
    expect(page.locator("h1")).to_have_text("李明的对照检查材料")


def signed_in(browser: Any, base: str, username: str, screenshot: str) -> Any:
    page = login(browser, base, username, PASSWORD)
    shoot(page, screenshot)
    return page


def secretary_checks_talks(page: Any) -> None:
    """The world's meeting has one talk (王建国 ↔ 李明) of the required ones."""
    open_meeting(page, WORLD_MEETING)
    page.get_by_role("link", name="谈心谈话").click()
    matrix = page.locator("table.matrix")
    expect(matrix.locator("thead th")).to_have_text(["", "王建国", "李明", "赵红", "钱进"])
    expect(matrix.locator("td.held")).to_have_count(2)  # the pair, both ways
    expect(page.locator("ul.missing li")).to_have_count(3)
    shoot(page, "11-talks-secretary")


def secretary_returns(browser: Any, base: str) -> None:
    page = signed_in(browser, base, "secretary_a", "10-home-secretary")
    secretary_checks_talks(page)
    open_li_ming(page)
    page.fill("#reason-return", "标题和第四部分还留着模板文字，缺整改措施，请补全后再交。")
    page.get_by_role("button", name="退回修改").click()
    expect(page.locator(".messages")).to_contain_text("材料状态已改为“退回修改”")
    page.context.close()


def member_fixes(page: Any) -> None:
    page.reload()
    expect(page.locator("header .status")).to_have_text("退回修改")
    expect(page.locator("ol.history")).to_contain_text("理由：标题和第四部分还留着模板文字，缺整改措施，请补全后再交。")
    shoot(page, "12-material-returned")
    page.get_by_role("link", name="上传新版本").click()
    upload(page, "李明-对照检查材料-修改稿.docx", fixed=True)
    expect(page).to_have_url(re.compile(r"/v2/$"))
    change = page.locator("section.change")
    expect(change.locator("h2")).to_have_text("与第1版相比")
    fixed = change.locator("ol.fixed").inner_text()
    assert PLACEHOLDER in fixed and "XXX" in fixed and "整改措施" in fixed
    expect(change.locator("ul.edits ins").first).to_be_visible()
    assert FILLED in "".join(change.locator("ul.edits ins").all_inner_texts())
    assert not any(PLACEHOLDER in m for m in page.locator("#fulltext mark").all_inner_texts())
    shoot(page, "13-material-v2-difference")
    submit(page)


def reviewer_approves(browser: Any, base: str) -> None:
    page = signed_in(browser, base, "reviewer", "14-home-reviewer-again")
    open_li_ming(page)
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator(".messages")).to_contain_text("材料状态已改为“审核通过”")
    expect(page.locator("header .status")).to_have_text("审核通过")
    expect(page.get_by_role("button", name="退回修改")).to_have_count(0)
    shoot(page, "15-material-approved")
    page.get_by_role("link", name="单位与人员").click()
    expect(page.locator("table.tree")).to_contain_text("某市发展和改革委员会")
    shoot(page, "16-organisations")
    page.context.close()


def test_meeting_to_approved_material(chrome: Any, base: str, world: World) -> None:
    page = create_meeting(chrome, base)
    check_meeting_page(page)
    add_opinions(page)
    page.context.close()
    member = member_reads_opinions(chrome, base)
    member_uploads_defective(member)
    member_jumps_to_a_finding(member)
    submit(member)
    secretary_returns(chrome, base)
    member_fixes(member)
    member.context.close()
    reviewer_approves(chrome, base)


# --- a comment on a selection ------------------------------------------------------------------


def drag_select(page: Any, start: int, end: int) -> str:
    """Select the text's characters [start, end) with the mouse; the selection's text."""
    page.wait_for_load_state()  # input sent before the page's first frames may be dropped
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    box = page.evaluate(
        """([start, end]) => {
        const at = (offset) => { for (const el of document.querySelectorAll('#fulltext [data-start]')) {
            const from = +el.dataset.start, node = el.firstChild;
            if (node && offset >= from && offset < from + node.data.length) {
              const range = document.createRange(); range.setStart(node, offset - from);
              range.setEnd(node, offset - from + 1); return range.getBoundingClientRect(); } } };
        const a = at(start), b = at(end - 1);
        return {x1: a.left + 2, y1: a.top + a.height / 2, x2: b.right - 2, y2: b.top + b.height / 2}; }""",
        [start, end])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
    return str(page.evaluate("() => String(window.getSelection())"))


def test_selected_text_becomes_a_marked_comment(chrome: Any, base: str, world: World) -> None:
    page = signed_in(chrome, base, "reviewer", "17-home-reviewer")
    open_li_ming(page, WORLD_MEETING)
    mark = page.locator("#fulltext mark").first
    start = int(str(mark.get_attribute("data-start"))) + len(mark.inner_text()) - 2
    text = world.materials[f"a-{world.people['A1'].pk}"].latest().text  # type: ignore[union-attr]
    end = start + 8
    assert "\n" not in text[start:end]
    selected = drag_select(page, start, end)
    assert selected == text[start:end]
    expect(page.locator("#comment-quote")).to_have_text(f"已选中：“{selected}”")
    assert (page.input_value("#id_start"), page.input_value("#id_end")) == (str(start), str(end))
    page.fill("#id_text", "这两处请写具体")
    page.get_by_role("button", name="添加意见").click()
    expect(page.locator(".messages")).to_contain_text("审核意见已添加")
    comment = Comment.objects.get()
    assert (comment.quote, comment.start, comment.end) == (selected, start, end)
    expect(page.locator("ol.comments blockquote")).to_have_text(selected)
    noted = page.evaluate("""() => Array.from(document.querySelectorAll('#fulltext mark.cm'))
        .map((m) => m.textContent).join('')""")
    assert noted == selected
    shoot(page, "18-material-comment")
