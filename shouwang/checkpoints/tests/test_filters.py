from shouwang.checkpoints.filters import PassageFilter
from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_register
from shouwang.shell.listing import filtered

from .factories import passage_data


def test_passage_search_finds_occupants_as_the_people_search_does(staff, checkpoints):
    officer = staff["officer1"]
    found = passage_register(
        actor=officer,
        data=passage_data(
            checkpoints["城关"],
            occupants=[
                {"name": "张伟明", "id_number": "610824198801150717", "phone": "13909120099"}
            ],
        ),
    )
    passage_register(actor=officer, data=passage_data(checkpoints["城关"], plate="陕K54321"))

    def search(text):
        return list(filtered(PassageFilter, Passage.objects.all(), {"q": text}, user=officer))

    # Part of a name, in Traditional characters too (the search was exact before).
    assert search("伟明") == [found]
    assert search("張偉") == [found]
    assert search("+86 139 0912 0099") == [found]
    assert search("610824198801150717") == [found]
