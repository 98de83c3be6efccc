from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 by default; a client may ask for 1 to 500 with `page_size`.
    A page size that is not such a number is refused (400), not ignored."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        asked = request.query_params.getlist(self.page_size_query_param)
        if not asked:
            return self.page_size
        try:
            size = int(asked[-1])
        except ValueError:
            size = 0
        if len(asked) > 1 or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Ask for a page size between 1 and %(most)d.")
                        % {"most": self.max_page_size}
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            # Described in the reader's language: the schema is generated in it.
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = _("Which page of results to return, from 1.")
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = _(
                    "How many results each page holds, from 1 to %(most)d (%(usual)d if not given)."
                ) % {"most": self.max_page_size, "usual": self.page_size}
        return parameters
