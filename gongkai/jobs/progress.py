"""The state of a long job that people watch on a page (an audit run, a crawl, an OCR job).

A plain mixin for the job's model: the four states and the share done, read by the pages that
show progress. The model declares its own fields ``status`` (choices ``statuses(...)``),
``progress_done`` and ``progress_total``, with the words of its own kind of work.
"""


class Progress:
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @staticmethod
    def statuses(running: str) -> list[tuple[str, str]]:
        """The choices of ``status``; ``running`` names the work in progress (审查中, 抓取中 …)."""
        return [(Progress.PENDING, "排队中"), (Progress.RUNNING, running), (Progress.DONE, "已完成"),
                (Progress.FAILED, "未能完成")]

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.DONE:
            return 100
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0
