/* Extracts the page in the file given on the command line and prints its title and text.
 * Build: cc -std=c99 -Iinclude bindings/c/example.c target/release/libgleaner.a -lpthread -ldl -lm */
#include <stdio.h>
#include <stdlib.h>

#include "gleaner.h"

static void print_field(const char *name, gleaner_field field, const gleaner_document *doc) {
    const uint8_t *p;
    size_t n;
    if (gleaner_document_get(doc, field, &p, &n) == GLEANER_STATUS_OK) {
        printf("%s: %.*s\n", name, (int)n, (const char *)p);
    }
}

int main(int argc, char **argv) {
    FILE *f;
    long size;
    uint8_t *html;
    gleaner_document *doc = NULL;
    gleaner_status st;

    if (argc != 2) {
        fprintf(stderr, "usage: %s PAGE.html\n", argv[0]);
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    html = malloc(size > 0 ? (size_t)size : 1);
    if (!html || fread(html, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        free(html);
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);

    st = gleaner_extract(html, (size_t)size, NULL, &doc);
    free(html);
    if (st != GLEANER_STATUS_OK) {
        uint8_t msg[256];
        size_t n = 0;
        gleaner_last_error(msg, sizeof msg, &n);
        /* the last error says it all; the status's words stand in when there is none */
        if (n > 0)
            fprintf(stderr, "%s: %.*s\n", argv[1], (int)n, (const char *)msg);
        else
            fprintf(stderr, "%s: %s\n", argv[1], gleaner_status_message(st));
        return 1;
    }
    print_field("title", GLEANER_FIELD_TITLE, doc);
    print_field("author", GLEANER_FIELD_AUTHOR, doc);
    print_field("date", GLEANER_FIELD_DATE, doc);
    print_field("text", GLEANER_FIELD_TEXT, doc);
    gleaner_document_free(doc);
    return 0;
}
