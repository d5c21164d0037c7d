"""Resume documents: upload (checked by content), list, delete, and the one authorised download."""

import logging
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from nexus.core.errors import InvalidInput, NotFound

from . import error_codes, selectors, services
from .documents import documents_storage
from .models import Document
from .serializers import DocumentSerializer, DocumentUploadSerializer
from .views import validated

logger = logging.getLogger(__name__)

TAGS = ["documents"]
DOCUMENT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The document's id.")
# Multipart overhead allowed on top of the document itself before the body is read at all.
MULTIPART_SLACK_BYTES = 64 * 1024


class DocumentCollectionView(ListAPIView):
    """Your resume documents, newest first (seekers)."""

    permission_classes = [IsAuthenticated]
    serializer_class = DocumentSerializer
    ordering = ("-created_at", "-id")

    def get_parsers(self) -> list[Any]:
        return [MultiPartParser()] if getattr(self, "request", None) is None or self.request.method == "POST" else []

    def get_queryset(self) -> QuerySet[Document]:
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return selectors.document_list_of_owner(user=self.request.user)

    @extend_schema(tags=TAGS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    )
    def post(self, request: Request) -> Response:
        """Uploads a resume as multipart field `file`: PDF or DOCX, decided by the content (not the name or the
        declared type), at most DOCUMENT_MAX_BYTES (5 MB by default)."""
        selectors.document_list_of_owner(user=request.user)  # seekers only, before reading the body
        _refuse_oversized_body(request)
        upload = validated(DocumentUploadSerializer, request)["file"]
        document = services.document_upload(owner=request.user, upload=upload)
        return Response(DocumentSerializer(document, context={"request": request}).data, status=201)


def _refuse_oversized_body(request: Request) -> None:
    """Refuses an upload that is too large by its declared length, before it is read into a file."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.DOCUMENT_MAX_BYTES + MULTIPART_SLACK_BYTES:
        message = f"A document may be at most {settings.DOCUMENT_MAX_BYTES} bytes."
        raise InvalidInput(message, code=error_codes.DOCUMENT_TOO_LARGE, details={"file": [message]})


@extend_schema(tags=TAGS, parameters=[DOCUMENT_ID])
class DocumentDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DocumentSerializer})
    def get(self, request: Request, id: str) -> Response:
        """One of your documents."""
        document = selectors.document_get_of_owner(user=request.user, document_id=id)
        return Response(DocumentSerializer(document, context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, id: str) -> Response:
        """Deletes one of your documents. One that you applied with stays readable by the hiring companies through
        those applications (it only leaves your list); any other is deleted with its file."""
        document = selectors.document_get_of_owner(user=request.user, document_id=id)
        services.document_delete(document=document)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=TAGS,
    parameters=[DOCUMENT_ID],
    responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The file, as an attachment."),
        (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiResponse(
            OpenApiTypes.BINARY, description="The file, as an attachment."
        ),
    },
)
class DocumentDownloadView(APIView):
    """Streams the file under its original name: to its owner, to members of companies whose jobs it was
    submitted to, and to admins; everyone else gets 404."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request, id: str) -> FileResponse:
        document = selectors.document_get_downloadable(user=request.user, document_id=id)
        try:
            file = documents_storage().open(document.storage_name, "rb")
        except FileNotFoundError as exc:
            logger.error("The file of document %s is missing from the documents storage", document.pk)
            raise NotFound(
                "The file of this document is no longer available.", code=error_codes.DOCUMENT_FILE_MISSING
            ) from exc
        response = FileResponse(
            file,
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
