"""Success stories: written by a learner or mentor, published by staff of their organisation only
with the author's consent, withdrawn by the author at once; the public page shows published
stories only; a photo is JPEG or PNG within the size limit, re-encoded without metadata."""

import io

import pytest
from PIL import Image
from werkzeug.datastructures import CombinedMultiDict, FileStorage, MultiDict
from werkzeug.test import encode_multipart

from accounts.models import Role
from extensions import db
from network import stories
from network.models import Photo, Story, StoryState
from network.photos import PHOTO_MAX_BYTES
from tests.routes.network import png_bytes


@pytest.fixture
def world(make):
    org = make.organisation("Starters Utrecht", join_code="START-123")
    other_org = make.organisation("Elsewhere")
    return {
        "org": org,
        "other_org": other_org,
        "ans": make.user(Role.LEARNER, org, name="Ans Bakker"),
        "bert": make.user(Role.MENTOR, org, name="Bert Smit"),
        "staff": make.user(Role.STAFF, org),
        "staff_other_org": make.user(Role.STAFF, other_org),
        "learner_other_org": make.user(Role.LEARNER, other_org),
    }


def write(world, title="From the office to my own bakery", consent=True, send=True, **values):
    story = stories.save_story(
        world["ans"],
        world["org"],
        None,
        title=title,
        body=values.pop("body", "It took a year, and my mentor helped."),
        signature=values.pop("signature", "Ans"),
        consent=consent,
        send=send,
        **values,
    )
    db.session.commit()
    return story


def state_of(story) -> str:
    db.session.expire_all()
    return db.session.get(Story, story.id).state


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (2400, 1200), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0132] = "2026:01:02 10:00:00"  # date taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def test_author_writes_sends_and_staff_publish_on_the_public_page(client, auth, world):
    auth.login(world["ans"])
    response = client.post(
        "/stories/new",
        data={
            "title": "From the office to my own bakery",
            "body": "It took a **year**.",
            "signature": "Ans",
            "consent": "y",
            "send": "1",
            "photo": (io.BytesIO(png_bytes()), "me.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    story = db.session.scalar(db.select(Story))
    assert story.state == StoryState.SUBMITTED and story.consent and story.photo_id
    auth.logout()
    assert "From the office" not in client.get(f"/o/{world['org'].slug}").get_data(as_text=True)

    auth.login(world["staff"])
    assert "It took a <strong>year</strong>." in client.get(
        f"/o/{world['org'].slug}/stories/manage"
    ).get_data(as_text=True)
    publish = client.post(f"/o/{world['org'].slug}/stories/{story.id}/publish")
    assert publish.status_code == 302 and state_of(story) == StoryState.PUBLISHED

    auth.logout()
    public = client.get(f"/o/{world['org'].slug}").get_data(as_text=True)
    assert "Starters Utrecht" in public and "From the office to my own bakery" in public
    assert "It took a <strong>year</strong>." in public and "Ans" in public
    assert "/join" in public and "START-123" not in public  # the way in, not the code itself
    photo = client.get(f"/stories/{story.id}/photo/{story.photo_id}")
    assert photo.status_code == 200 and photo.headers["Content-Type"] == "image/png"
    assert photo.headers["Cache-Control"].startswith("public") and photo.headers["ETag"]
    again = client.get(
        f"/stories/{story.id}/photo/{story.photo_id}",
        headers={"If-None-Match": photo.headers["ETag"]},
    )
    assert again.status_code == 304


def test_staff_cannot_publish_without_the_authors_consent(client, auth, world):
    story = write(world, consent=False)
    auth.login(world["staff"])
    page = client.get(f"/o/{world['org'].slug}/stories/manage").get_data(as_text=True)
    assert "The author has not agreed to publish it." in page
    assert f"/stories/{story.id}/publish" not in page
    response = client.post(
        f"/o/{world['org'].slug}/stories/{story.id}/publish", data={"consent": "y"}
    )
    assert response.status_code == 302
    assert "has not given consent" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert state_of(story) == StoryState.SUBMITTED
    with pytest.raises(stories.StoryError):
        stories.publish(world["staff"], world["org"], story.id)


@pytest.mark.parametrize("who", ["staff_other_org", "bert", "ans", "learner_other_org"])
def test_only_staff_of_the_organisation_publish(client, auth, world, who):
    story = write(world)
    auth.login(world[who])
    response = client.post(f"/o/{world['org'].slug}/stories/{story.id}/publish")
    assert response.status_code == 403
    assert state_of(story) == StoryState.SUBMITTED


def test_staff_of_another_organisation_cannot_publish_through_their_own_page(client, auth, world):
    story = write(world)
    auth.login(world["staff_other_org"])
    response = client.post(f"/o/{world['other_org'].slug}/stories/{story.id}/publish")
    assert response.status_code == 404
    assert state_of(story) == StoryState.SUBMITTED
    page = client.get(f"/o/{world['other_org'].slug}/stories/manage").get_data(as_text=True)
    assert "From the office" not in page


def test_a_draft_is_not_shown_to_staff(client, auth, world):
    story = write(world, send=False)
    auth.login(world["staff"])
    assert "From the office" not in client.get(f"/o/{world['org'].slug}/stories/manage").get_data(
        as_text=True
    )
    assert client.post(f"/o/{world['org'].slug}/stories/{story.id}/publish").status_code == 404


def test_the_public_page_shows_only_published_stories(client, world):
    write(world, title="A draft story", send=False)
    write(world, title="A sent story")
    write(world, title="A story without consent", consent=False)
    published = write(world, title="A published story")
    stories.publish(world["staff"], world["org"], published.id)
    withdrawn = write(world, title="A withdrawn story")
    stories.publish(world["staff"], world["org"], withdrawn.id)
    stories.withdraw(world["ans"], withdrawn)
    db.session.commit()

    page = client.get(f"/o/{world['org'].slug}").get_data(as_text=True)
    assert "A published story" in page
    for hidden in ("A draft story", "A sent story", "without consent", "A withdrawn story"):
        assert hidden not in page
    assert client.get(f"/o/{world['org'].slug}/stories/{withdrawn.id}").status_code == 404
    assert client.get(f"/o/{world['other_org'].slug}/stories/{published.id}").status_code == 404
    assert "A published story" not in client.get(f"/o/{world['other_org'].slug}").get_data(
        as_text=True
    )
    assert client.get("/o/no-such-organisation").status_code == 404


def test_withdrawing_consent_unpublishes_at_once(client, auth, world):
    story = write(world, photo=None)
    stories.publish(world["staff"], world["org"], story.id)
    db.session.commit()
    auth.login(world["ans"])
    assert client.post(f"/stories/{story.id}/withdraw").status_code == 302
    db.session.expire_all()
    saved = db.session.get(Story, story.id)
    assert saved.state == StoryState.DRAFT and not saved.consent
    auth.logout()
    assert "From the office" not in client.get(f"/o/{world['org'].slug}").get_data(as_text=True)


def test_unticking_consent_or_changing_the_text_takes_it_off_the_page(client, auth, world):
    story = write(world)
    stories.publish(world["staff"], world["org"], story.id)
    db.session.commit()
    auth.login(world["ans"])
    data = {"title": story.title, "body": "A changed text.", "consent": "y"}
    assert client.post(f"/stories/{story.id}", data=data).status_code == 302
    assert state_of(story) == StoryState.SUBMITTED  # staff look again
    stories.publish(world["staff"], world["org"], story.id)
    db.session.commit()
    del data["consent"]
    assert client.post(f"/stories/{story.id}", data=data).status_code == 302
    assert state_of(story) == StoryState.DRAFT


@pytest.mark.parametrize("who", ["bert", "staff", "learner_other_org"])
def test_nobody_else_changes_a_story(client, auth, world, who):
    story = write(world)
    auth.login(world[who])
    for url in (f"/stories/{story.id}", f"/stories/{story.id}/withdraw"):
        response = client.post(url, data={"title": "Taken", "body": "Over", "consent": "y"})
        assert response.status_code in (403, 404)
    db.session.expire_all()
    assert db.session.get(Story, story.id).title == "From the office to my own bakery"


def test_a_photo_of_the_wrong_type_is_refused_and_the_text_kept(client, auth, world):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    auth.login(world["ans"])
    for upload, name in ((gif.getvalue(), "me.gif"), (b"%PDF-1.4 not a picture", "me.jpg")):
        response = client.post(
            "/stories/new",
            data={
                "title": "My typed title",
                "body": "My typed story",
                "photo": (io.BytesIO(upload), name),
            },
            content_type="multipart/form-data",
        )
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "The photo must be a JPEG or PNG picture" in text
        assert "My typed title" in text and "My typed story" in text
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 0


def test_a_photo_that_is_too_large_is_refused_and_the_text_kept(client, auth, world):
    auth.login(world["ans"])
    big = png_bytes() + b"\0" * PHOTO_MAX_BYTES
    fields = {"title": "My typed title", "body": "My typed story"}
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart(
        CombinedMultiDict(
            [MultiDict(fields), MultiDict({"photo": FileStorage(io.BytesIO(big), "a.png")})]
        )
    )
    response = client.post(
        "/stories/new", data=body, content_type=f'multipart/form-data; boundary="{boundary}"'
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The photo is too large: at most 2 MB." in text
    assert "My typed title" in text and "My typed story" in text
    assert db.session.scalar(db.select(db.func.count(Photo.id))) == 0


def test_a_photo_is_kept_smaller_and_without_its_metadata(client, auth, world):
    auth.login(world["ans"])
    response = client.post(
        "/stories/new",
        data={"title": "T", "body": "B", "photo": (io.BytesIO(jpeg_with_exif()), "me.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    photo = db.session.scalar(db.select(Photo))
    kept = Image.open(io.BytesIO(photo.data))
    assert photo.content_type == "image/jpeg" and kept.format == "JPEG"
    assert max(kept.size) == 1600
    assert not kept.getexif() and b"PhoneMaker" not in photo.data


def test_an_unpublished_photo_is_only_for_the_author_and_staff(client, auth, world):
    story = write(world, photo=None)
    from network.photos import clean_photo

    story = stories.save_story(
        world["ans"],
        world["org"],
        story,
        title=story.title,
        body=story.body,
        signature="",
        consent=True,
        send=True,
        photo=clean_photo(png_bytes()),
    )
    db.session.commit()
    url = f"/stories/{story.id}/photo/{story.photo_id}"
    assert client.get(url).status_code == 404
    for who, status in (("bert", 404), ("staff_other_org", 404), ("ans", 200), ("staff", 200)):
        auth.login(world[who])
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert response.headers["Cache-Control"].startswith("private")


def test_learners_see_published_stories_on_their_dashboard(client, auth, world):
    story = write(world, title="How I opened my bakery")
    write(world, title="Still waiting for staff")
    stories.publish(world["staff"], world["org"], story.id)
    db.session.commit()
    auth.login(world["ans"])
    page = client.get("/dashboard").get_data(as_text=True)
    assert "How I opened my bakery" in page and "Still waiting for staff" not in page
    auth.login(world["learner_other_org"])
    assert "How I opened my bakery" not in client.get("/dashboard").get_data(as_text=True)


def test_deleting_a_story_or_its_author_deletes_the_photo(client, auth, world):
    from network.photos import clean_photo

    story = write(world, photo=clean_photo(png_bytes()))
    auth.login(world["ans"])
    assert client.post(f"/stories/{story.id}/delete").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Photo.id))) == 0
    write(world, photo=clean_photo(png_bytes()))
    db.session.delete(world["ans"])
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Photo.id))) == 0
