"""Demo applications: the demo seeker's resume and two applications to the demo employer's jobs."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from nexus.accounts.models import User
from nexus.jobs.models import Job

from .models import Application
from .services import application_submit, application_transition, document_upload


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a line of text, written out by hand (with its cross-reference table)."""
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@transaction.atomic
def demo_applications_create(*, seeker: User, employer: User) -> int:
    """The demo seeker applies to two of the demo employer's open jobs; the first is being reviewed."""
    if Application.objects.filter(applicant=seeker).exists():
        return 0
    pdf = _minimal_pdf(f"{seeker.full_name} - Backend engineer (Python, PostgreSQL)")
    resume = document_upload(
        owner=seeker, upload=SimpleUploadedFile("Sara Haile CV.pdf", pdf, content_type="application/pdf")
    )
    jobs = [job for job in Job.objects.filter(posted_by=employer).order_by("id") if job.accepting_applications]
    applications = [
        application_submit(
            applicant=seeker,
            job_ref=str(job.pk),
            resume_id=resume.pk,
            cover_letter="I have built payment and data APIs in Django for five years and would love to help.",
            answers={q["key"]: _demo_answer(q) for q in job.screening_questions or [] if q.get("required")},
        )
        for job in jobs[:2]
    ]
    if applications:
        application_transition(
            application=applications[0], actor=employer, to_status="reviewing", reason="Strong backend profile"
        )
    return len(applications)


def _demo_answer(question: dict) -> object:
    kind = question["type"]
    if kind == "yes_no":
        return True
    if kind == "number":
        return 5
    if kind == "single_choice":
        return question["choices"][0]
    if kind == "multiple_choice":
        return question["choices"][:1]
    return "Yes, happy to talk about it."
