/* Tests of tools/regions.sh, which the book build runs first: every `// [name]` region in
 * the sources must be quoted by a page, or the book does not build.
 *
 * The check runs on a copy of the repository's sources, as they are and then with one
 * region added that no page quotes: the first must pass, the second must fail and name
 * the new region with its file and line.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chapters/run.h"

TestSuite(regions, .timeout = 60);

Test(regions, an_unquoted_region_fails_the_check)
{
    char dir[64], command[1024], out[1 << 16];
    make_temp_dir(dir, sizeof dir, "regions");
    snprintf(command, sizeof command,
             "cp -r lib chapters bench tools tests exercises solutions fuzz book %s/ && "
             "rm -rf %s/tools/book-check/node_modules", dir, dir);
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "%s: %s", command, out);

    snprintf(command, sizeof command, "tools/regions.sh %s", dir);
    cr_assert_eq(run_shell(command, out, sizeof out), 0,
                 "the sources as they are must pass:\n%s", out);

    snprintf(command, sizeof command,
             "printf '// [unquoted example]\\nint x;\\n// [end unquoted example]\\n' >> %s/lib/neuron.c",
             dir);
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "%s: %s", command, out);
    snprintf(command, sizeof command, "tools/regions.sh %s", dir);
    cr_assert_eq(run_shell(command, out, sizeof out), 1, "an added, unquoted region must fail:\n%s",
                 out);
    cr_assert(strstr(out, "lib/neuron.c:") && strstr(out, "region 'unquoted example'"),
              "the message names the file, its line and the region:\n%s", out);

    snprintf(command, sizeof command, "rm -rf %s", dir);
    run_shell(command, out, sizeof out);
}
