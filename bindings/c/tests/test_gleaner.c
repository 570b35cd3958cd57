/* Tests of every function of gleaner's C ABI: results, error paths, NULL handling and
 * concurrent extraction with shared options. Prints one line per check and ends with
 * "N passed, N failed". */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gleaner.h"

static int passed = 0, failed = 0;

#define CHECK(cond)                                                   \
    do {                                                              \
        if (cond) {                                                   \
            passed++;                                                 \
        } else {                                                      \
            failed++;                                                 \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                             \
    } while (0)

static const char PAGE[] =
    "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge reopens after repairs | City Post</title>"
    "<meta name=\"author\" content=\"Mara Olsen\"><meta name=\"description\" content=\"The old bridge is open.\">"
    "<meta property=\"article:published_time\" content=\"2024-05-02T08:00:00Z\"></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
    "<article><h1>Bridge reopens after repairs</h1>"
    "<p>The old stone bridge over the river reopened on Thursday after eight months of repairs to its arches.</p>"
    "<p>Cyclists and walkers crossed it within minutes, and the council said buses would return next week.</p>"
    "</article><div id=\"comments\"><p>About time too, we have been waiting all year for this bridge.</p></div>"
    "<footer>Copyright City Post</footer></body></html>";

static int field_is(gleaner_field field, const gleaner_document *doc, const char *want) {
    const uint8_t *p = NULL;
    size_t n = 0;
    if (gleaner_document_get(doc, field, &p, &n) != GLEANER_STATUS_OK) return 0;
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static int memmem_contains(const uint8_t *p, size_t n, const char *want) {
    size_t i, w = strlen(want);
    for (i = 0; i + w <= n; i++) {
        if (memcmp(p + i, want, w) == 0) return 1;
    }
    return 0;
}

static int field_contains(gleaner_field field, const gleaner_document *doc, const char *want) {
    const uint8_t *p = NULL;
    size_t n = 0, i, w = strlen(want);
    if (gleaner_document_get(doc, field, &p, &n) != GLEANER_STATUS_OK) return 0;
    for (i = 0; i + w <= n; i++) {
        if (memcmp(p + i, want, w) == 0) return 1;
    }
    return 0;
}

static void test_version_and_messages(void) {
    CHECK(strcmp(gleaner_version(), GLEANER_TEST_VERSION) == 0);
    CHECK(strcmp(gleaner_status_message(GLEANER_STATUS_OK), "success") == 0);
    CHECK(strstr(gleaner_status_message(GLEANER_STATUS_NULL_ARGUMENT), "NULL") != NULL);
    CHECK(strcmp(gleaner_status_message(12345), "unknown status") == 0);
}

static void test_extract_defaults(void) {
    gleaner_document *doc = NULL;
    const uint8_t *p;
    size_t n;
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, NULL, &doc) == GLEANER_STATUS_OK);
    CHECK(doc != NULL);
    CHECK(field_is(GLEANER_FIELD_TITLE, doc, "Bridge reopens after repairs"));
    CHECK(field_is(GLEANER_FIELD_PAGE_TYPE, doc, "article"));
    CHECK(field_is(GLEANER_FIELD_AUTHOR, doc, "Mara Olsen"));
    CHECK(field_is(GLEANER_FIELD_DATE, doc, "2024-05-02"));
    CHECK(field_is(GLEANER_FIELD_LANGUAGE, doc, "en"));
    CHECK(field_is(GLEANER_FIELD_DESCRIPTION, doc, "The old bridge is open."));
    CHECK(field_is(GLEANER_FIELD_SITENAME, doc, "City Post"));
    CHECK(field_contains(GLEANER_FIELD_TEXT, doc, "The old stone bridge"));
    CHECK(!field_contains(GLEANER_FIELD_TEXT, doc, "Copyright"));
    CHECK(!field_contains(GLEANER_FIELD_TEXT, doc, "About time"));
    CHECK(field_contains(GLEANER_FIELD_MARKDOWN, doc, "Cyclists and walkers"));
    CHECK(field_contains(GLEANER_FIELD_JSON, doc, "\"title\":\"Bridge reopens after repairs\""));
    /* absent fields are told apart from empty ones, and write nothing */
    p = (const uint8_t *)"x";
    n = 99;
    CHECK(gleaner_document_get(doc, GLEANER_FIELD_URL, &p, &n) == GLEANER_STATUS_ABSENT);
    CHECK(gleaner_document_get(doc, GLEANER_FIELD_COMMENTS, &p, &n) == GLEANER_STATUS_ABSENT);
    CHECK(n == 99);
    gleaner_document_free(doc);
}

static void test_options(void) {
    gleaner_options *o = gleaner_options_new();
    gleaner_document *doc = NULL;
    const char *url = "https://citypost.example/2024/05/bridge";
    CHECK(o != NULL);
    CHECK(gleaner_options_set_url(o, (const uint8_t *)url, strlen(url)) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_charset(o, (const uint8_t *)"utf-8", 5) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_comments(o, true) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_tables(o, true) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_captions(o, false) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_links(o, false) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_images(o, false) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_favor(o, GLEANER_FAVOR_PRECISION) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_favor(o, 42) == GLEANER_STATUS_INVALID_ARGUMENT);
    CHECK(gleaner_options_set_max_depth(o, 256) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_max_nodes(o, 100000) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_max_input_bytes(o, 0) == GLEANER_STATUS_INVALID_ARGUMENT);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(field_is(GLEANER_FIELD_URL, doc, url));
    CHECK(field_contains(GLEANER_FIELD_COMMENTS, doc, "About time"));
    CHECK(!field_contains(GLEANER_FIELD_TEXT, doc, "About time"));
    CHECK(field_is(GLEANER_FIELD_PAGE_TYPE, doc, "article"));
    gleaner_document_free(doc);

    /* a page type given is the one used; an unknown one is refused, an empty one undoes it */
    CHECK(gleaner_options_set_page_type(o, (const uint8_t *)"product", 7) == GLEANER_STATUS_OK);
    /* refused, it changes nothing: the URL and the page type set before hold */
    CHECK(gleaner_options_set_page_type(o, (const uint8_t *)"blog", 4) == GLEANER_STATUS_INVALID_ARGUMENT);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(field_is(GLEANER_FIELD_PAGE_TYPE, doc, "product"));
    CHECK(field_is(GLEANER_FIELD_URL, doc, url));
    gleaner_document_free(doc);
    CHECK(gleaner_options_set_page_type(o, NULL, 0) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(field_is(GLEANER_FIELD_PAGE_TYPE, doc, "article"));
    gleaner_document_free(doc);

    /* limits give their own status and write nothing */
    doc = NULL;
    CHECK(gleaner_options_set_max_input_bytes(o, 10) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_INPUT_TOO_LARGE);
    CHECK(doc == NULL);
    CHECK(gleaner_options_set_url(o, (const uint8_t *)"not a url", 9) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_max_input_bytes(o, 1 << 20) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_INVALID_URL);
    CHECK(doc == NULL);
    /* invalid UTF-8 in a string option */
    CHECK(gleaner_options_set_url(o, (const uint8_t *)"\xff\xfe", 2) == GLEANER_STATUS_INVALID_UTF8);
    gleaner_options_free(o);
}

static void test_outputs_and_explain(void) {
    gleaner_options *o = gleaner_options_new();
    gleaner_document *doc = NULL;
    const uint8_t *p = NULL;
    size_t n = 0;
    double confidence = -1;
    static const char RICH[] =
        "<html><head><title>Bridge</title></head><body><article>"
        "<p>The old stone bridge over the <em>river</em> reopened on Thursday after eight months of repairs.</p>"
        "<ol><li>Walkers first</li><li>Buses next week</li></ol>"
        "<p>Cyclists crossed it within minutes, and the council said the buses would return next week.</p>"
        "</article><div id=\"comments\"><ol><li class=\"comment\"><span class=\"comment-author\">Ana</span>"
        "<p>About time too, we have been waiting all year for this bridge.</p></li></ol></div></body></html>";
    CHECK(gleaner_options_set_formatting(o, true) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_comments(o, true) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_explain(o, true) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)RICH, sizeof RICH - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(field_contains(GLEANER_FIELD_MARKDOWN, doc, "over the *river* reopened"));
    CHECK(field_contains(GLEANER_FIELD_MARKDOWN, doc, "1. Walkers first\n2. Buses next week"));
    CHECK(field_contains(GLEANER_FIELD_HTML, doc, "<li>Walkers first</li>"));
    CHECK(field_contains(GLEANER_FIELD_HTML, doc, "<em>river</em>"));
    CHECK(field_contains(GLEANER_FIELD_JSON, doc, "\"comments\":[{\"author\":\"Ana\""));
    CHECK(gleaner_document_json_with(doc, GLEANER_JSON_FIELD_MARKDOWN | GLEANER_JSON_FIELD_HTML, &p, &n) == GLEANER_STATUS_OK);
    CHECK(memmem_contains(p, n, "\"markdown\":\"") && memmem_contains(p, n, "\"html\":\"<p>"));
    CHECK(gleaner_document_json_with(doc, 4, &p, &n) == GLEANER_STATUS_INVALID_ARGUMENT);
    CHECK(gleaner_document_confidence(doc, &confidence) == GLEANER_STATUS_OK);
    CHECK(confidence > 0.0 && confidence <= 1.0);
    CHECK(gleaner_document_confidence(doc, NULL) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(field_contains(GLEANER_FIELD_REPORT, doc, "<!DOCTYPE html>"));
    CHECK(field_contains(GLEANER_FIELD_REPORT, doc, "data-label=\"comment\""));
    CHECK(field_contains(GLEANER_FIELD_DECISIONS, doc, "\"label\":\"content\""));
    gleaner_document_free(doc);
    /* without the explain option there is no report */
    doc = NULL;
    CHECK(gleaner_extract((const uint8_t *)RICH, sizeof RICH - 1, NULL, &doc) == GLEANER_STATUS_OK);
    CHECK(gleaner_document_get(doc, GLEANER_FIELD_REPORT, &p, &n) == GLEANER_STATUS_ABSENT);
    CHECK(gleaner_document_get(doc, GLEANER_FIELD_DECISIONS, &p, &n) == GLEANER_STATUS_ABSENT);
    gleaner_document_free(doc);
    CHECK(gleaner_options_set_explain(NULL, true) == GLEANER_STATUS_NULL_ARGUMENT);
    gleaner_options_free(o);
}

static void test_limits_and_truncation(void) {
    gleaner_options *o = gleaner_options_new();
    gleaner_document *doc = NULL;
    bool truncated = true;
    CHECK(gleaner_options_set_time_budget_ms(o, 0) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_time_budget_ms(NULL, 5) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_options_set_truncate(NULL, true) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(gleaner_document_truncated(doc, &truncated) == GLEANER_STATUS_OK && !truncated);
    CHECK(gleaner_document_truncated(doc, NULL) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_document_truncated(NULL, &truncated) == GLEANER_STATUS_NULL_ARGUMENT);
    gleaner_document_free(doc);
    /* past the node limit: an error by default, the part within it when asked */
    doc = NULL;
    CHECK(gleaner_options_set_max_nodes(o, 5) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_TOO_MANY_NODES);
    CHECK(doc == NULL);
    CHECK(gleaner_options_set_truncate(o, true) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(gleaner_document_truncated(doc, &truncated) == GLEANER_STATUS_OK && truncated);
    gleaner_document_free(doc);
    /* past the input limit, truncated: the first bytes are read */
    doc = NULL;
    CHECK(gleaner_options_set_max_nodes(o, 100000) == GLEANER_STATUS_OK);
    CHECK(gleaner_options_set_max_input_bytes(o, 200) == GLEANER_STATUS_OK);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, o, &doc) == GLEANER_STATUS_OK);
    CHECK(gleaner_document_truncated(doc, &truncated) == GLEANER_STATUS_OK && truncated);
    CHECK(field_is(GLEANER_FIELD_TITLE, doc, "Bridge reopens after repairs"));
    gleaner_document_free(doc);
    CHECK(strstr(gleaner_status_message(GLEANER_STATUS_TIME_BUDGET_EXCEEDED), "time budget") != NULL);
    gleaner_options_free(o);
}

/* A WARC file written beside the test binary (each build of the tests has its own). */
static char warc_path[4096];

static void test_warc(void) {
    const char *path = warc_path;
    char head[512];
    FILE *f = fopen(path, "wb");
    gleaner_warc *w = NULL;
    const uint8_t *json = NULL;
    size_t n = 0;
    uint64_t records = 0, pages = 0, other = 0, errors = 0;
    const char *http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
    CHECK(f != NULL);
    if (f == NULL) return;
    fputs("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", f);
    snprintf(head, sizeof head,
             "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://citypost.example/bridge\r\n"
             "Content-Length: %lu\r\n\r\n",
             (unsigned long)(strlen(http) + sizeof PAGE - 1));
    fputs(head, f);
    fputs(http, f);
    fwrite(PAGE, 1, sizeof PAGE - 1, f);
    fputs("\r\n\r\nnot a record\r\n", f);
    fclose(f);
    CHECK(gleaner_warc_open((const uint8_t *)"no/such.warc", 12, &w) == GLEANER_STATUS_IO);
    CHECK(w == NULL);
    CHECK(gleaner_warc_open((const uint8_t *)path, strlen(path), &w) == GLEANER_STATUS_OK);
    CHECK(gleaner_warc_next_page(w, NULL, &json, &n) == GLEANER_STATUS_OK);
    CHECK(n > 0 && memmem_contains(json, n, "\"warc_target_uri\":\"https://citypost.example/bridge\""));
    CHECK(n > 0 && memmem_contains(json, n, "stone bridge"));
    CHECK(gleaner_warc_next_page(w, NULL, &json, &n) == GLEANER_STATUS_WARC_RECORD);
    CHECK(gleaner_warc_next_page(w, NULL, &json, &n) == GLEANER_STATUS_ABSENT);
    CHECK(gleaner_warc_counts(w, &records, &pages, NULL, &other, &errors) == GLEANER_STATUS_OK);
    CHECK(records == 3 && pages == 1 && other == 1 && errors == 1);
    CHECK(gleaner_warc_next_page(NULL, NULL, &json, &n) == GLEANER_STATUS_NULL_ARGUMENT);
    gleaner_warc_free(w);
    gleaner_warc_free(NULL);
    remove(path);
}

static void test_null_and_odd_input(void) {
    gleaner_document *doc = NULL;
    uint8_t msg[128];
    size_t n = 0;
    CHECK(gleaner_extract(NULL, 10, NULL, &doc) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_last_error(msg, sizeof msg, &n) == GLEANER_STATUS_OK);
    CHECK(n > 0 && memchr(msg, 'N', n) != NULL);
    CHECK(gleaner_last_error(NULL, 0, &n) == GLEANER_STATUS_OK && n == 0);
    CHECK(gleaner_last_error(msg, sizeof msg, NULL) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, NULL, NULL) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_options_set_comments(NULL, true) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_options_set_url(NULL, (const uint8_t *)"x", 1) == GLEANER_STATUS_NULL_ARGUMENT);
    CHECK(gleaner_document_get(NULL, GLEANER_FIELD_TEXT, NULL, NULL) == GLEANER_STATUS_NULL_ARGUMENT);
    gleaner_options_free(NULL);
    gleaner_document_free(NULL);
    /* empty input and NUL bytes */
    CHECK(gleaner_extract(NULL, 0, NULL, &doc) == GLEANER_STATUS_OK);
    CHECK(field_is(GLEANER_FIELD_TEXT, doc, ""));
    gleaner_document_free(doc);
    doc = NULL;
    CHECK(gleaner_extract((const uint8_t *)"<p>a\0b</p>", 10, NULL, &doc) == GLEANER_STATUS_OK);
    gleaner_document_free(doc);
}

#define THREADS 8

/* Rounds per thread: GLEANER_STRESS_ROUNDS in the environment, else 25. */
static int rounds = 25;
static const gleaner_options *shared;

static void *worker(void *arg) {
    int i, *bad = arg;
    for (i = 0; i < rounds; i++) {
        gleaner_document *doc = NULL;
        uint8_t msg[64];
        size_t n = 0;
        if (gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, shared, &doc) != GLEANER_STATUS_OK ||
            !field_contains(GLEANER_FIELD_TEXT, doc, "stone bridge") ||
            !field_contains(GLEANER_FIELD_MARKDOWN, doc, "stone bridge") ||
            !field_contains(GLEANER_FIELD_JSON, doc, "\"title\"")) {
            (*bad)++;
        }
        gleaner_document_free(doc);
        /* every thread has its own last error */
        doc = NULL;
        if (gleaner_extract((const uint8_t *)PAGE, sizeof PAGE - 1, NULL, NULL) != GLEANER_STATUS_NULL_ARGUMENT ||
            gleaner_last_error(msg, sizeof msg, &n) != GLEANER_STATUS_OK || n == 0) {
            (*bad)++;
        }
    }
    return NULL;
}

static void test_threads(void) {
    const char *env = getenv("GLEANER_STRESS_ROUNDS");
    pthread_t t[THREADS];
    int bad[THREADS] = {0};
    int i, total = 0;
    gleaner_options *o = gleaner_options_new();
    gleaner_options_set_comments(o, true);
    if (env != NULL && atoi(env) > 0) rounds = atoi(env);
    shared = o;
    for (i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, &bad[i]);
    for (i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        total += bad[i];
    }
    CHECK(total == 0);
    gleaner_options_free(o);
}

int main(int argc, char **argv) {
    snprintf(warc_path, sizeof warc_path, "%s.warc", argc > 0 ? argv[0] : "gleaner_c_test");
    test_version_and_messages();
    test_extract_defaults();
    test_options();
    test_outputs_and_explain();
    test_limits_and_truncation();
    test_warc();
    test_null_and_odd_input();
    test_threads();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
