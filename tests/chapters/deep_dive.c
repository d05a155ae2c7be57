/* Tests of the book's deep dives: detail a reader may skip, written in a chapter as
 *
 *     ::: deep-dive
 *     ### Deep dive: TITLE
 *     ...
 *     :::
 *
 * book/filters/book.lua must put the label "You can skip this deep dive: ..." under the
 * heading, keep the heading first (so the heading's id still names the box), and stop
 * the build when a deep-dive div does not open with such a heading. book/filters/
 * search.lua must index the heading as a section of its own, without the label.
 * Each test runs pandoc with the two filters on a small page in a directory under
 * build/tmp, as the Makefile runs them on a chapter.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chapters/run.h"

TestSuite(deep_dive, .timeout = 60);

#define LABEL "You can skip this deep dive: nothing later in the book depends on it."

/* Writes markdown to DIR/page.md in a fresh directory under build/tmp, runs pandoc with
 * the book's filters into DIR/page.html, and returns its exit status; out gets what
 * pandoc printed. */
static int render(char *dir, const char *markdown, char *out, size_t size)
{
    char path[256], command[1024];
    mkdir("build", 0777);
    mkdir(RUN_TMP_DIR, 0777);
    cr_assert_not_null(mkdtemp(dir), "cannot make %s", dir);
    snprintf(path, sizeof path, "%s/page.md", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(markdown, f);
    fclose(f);
    snprintf(command, sizeof command,
             "pandoc --from=markdown --to=html5 --lua-filter=book/filters/book.lua "
             "--lua-filter=book/filters/search.lua -o %s/page.html %s", dir, path);
    return run_shell(command, out, size);
}

/* The text of DIR/name, NUL-terminated, in out. */
static void read_file(const char *dir, const char *name, char *out, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "pandoc wrote no %s", path);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
}

static void remove_dir(const char *dir)
{
    char command[512], out[256];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    run_shell(command, out, sizeof out);
}

static const char PAGE[] = "# Chapter 9: Test\n\n"
                           "## Before\n\nThe main line.\n\n"
                           "::: deep-dive\n"
                           "### Deep dive: the twist\n\n"
                           "Words about tempering.\n"
                           ":::\n\n"
                           "## After\n\nThe main line again.\n";

Test(deep_dive, shows_its_label_under_its_heading)
{
    char dir[] = RUN_TMP_DIR "/deep-dive-XXXXXX", out[1 << 14], html[1 << 16];
    int status = render(dir, PAGE, out, sizeof out);
    cr_assert_eq(status, 0, "pandoc with book.lua failed on a good deep dive:\n%s", out);
    read_file(dir, "page.html", html, sizeof html);

    const char *box = strstr(html, "class=\"deep-dive\"");
    cr_assert_not_null(box, "no element of class deep-dive in the page:\n%s", html);
    const char *heading = strstr(box, "Deep dive: the twist");
    const char *label = strstr(box, "class=\"deep-dive-label\"");
    cr_assert_not_null(label, "the deep dive has no element of class deep-dive-label:\n%s", box);
    cr_assert_not_null(strstr(label, LABEL), "the label does not say\n  %s\nin:\n%s", LABEL, box);
    cr_assert(heading && heading < label, "the heading does not come before the label:\n%s", box);
    cr_assert(strstr(html, "id=\"deep-dive-the-twist\""),
              "the box lost the heading's id deep-dive-the-twist:\n%s", html);
    const char *words = strstr(box, "Words about tempering");
    const char *end = strstr(box, "</section>");
    cr_assert(words && end && words < end, "the deep dive's text is not inside its box:\n%s", box);
    remove_dir(dir);
}

Test(deep_dive, its_heading_is_a_search_section)
{
    char dir[] = RUN_TMP_DIR "/deep-dive-XXXXXX", out[1 << 14], index[1 << 14];
    int status = render(dir, PAGE, out, sizeof out);
    cr_assert_eq(status, 0, "pandoc with the filters failed on a good deep dive:\n%s", out);
    read_file(dir, ".search/page.js", index, sizeof index);
    const char *section = strstr(index, "id:\"deep-dive-the-twist\",title:\"Deep dive: the twist\","
                                        "text:\"Words about tempering.\"");
    cr_assert_not_null(section, "the search index has no section for the deep dive's heading "
                                "holding its words (and not the label):\n%s", index);
    cr_assert_null(strstr(index, "You can skip"), "the label's words were indexed:\n%s", index);
    remove_dir(dir);
}

Test(deep_dive, without_its_heading_stops_the_build)
{
    const char *pages[] = {
        "::: deep-dive\nA paragraph first.\n:::\n",
        "::: deep-dive\n### The twist\n\nNo 'Deep dive:' in the heading.\n:::\n",
        "::: deep-dive\n#### Deep dive: too deep\n\nA level-4 heading.\n:::\n",
    };
    for (size_t i = 0; i < COUNT_OF(pages); i++) {
        char dir[] = RUN_TMP_DIR "/deep-dive-XXXXXX", out[1 << 14];
        int status = render(dir, pages[i], out, sizeof out);
        cr_expect_neq(status, 0, "pandoc with book.lua accepted a deep dive without its "
                                 "heading:\n%s", pages[i]);
        cr_expect(strstr(out, "must open with the heading \"### Deep dive: TITLE\""),
                  "the error does not say what a deep dive must open with:\n%s", out);
        remove_dir(dir);
    }
}
