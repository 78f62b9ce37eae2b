/* See completion.h. Every shell is told the same facts from the option
 * table: the flag names and their help, which flags take a value, and what
 * that value may be (words, a file, a folder, a profile name, or anything).
 * The scripts parse nothing themselves beyond the words typed so far. */
#include "completion.h"

#include <stdbool.h>
#include <string.h>

#include "options.h"

/* Profiles from this option's folder are offered beside the built-in ones. */
static const char profile_dir_option[] = "profile-dir";

static bool takes_value(const struct option_spec *spec) { return spec->kind != OPT_SWITCH; }

static const char *alias_of(const struct option_spec *spec)
{
	for (size_t i = 0; i < option_alias_count; i++)
		if (strcmp(option_aliases[i].name, spec->name) == 0)
			return option_aliases[i].alias;
	return NULL;
}

/* Writes text inside single quotes for bash and zsh: a quote closes, is
 * escaped and reopens. `extra` lists characters to escape with a backslash
 * as well (zsh's _arguments reads brackets and backslashes in a description). */
static void put_quoted(FILE *out, const char *text, const char *extra)
{
	for (const char *c = text; *c; c++) {
		if (*c == '\'')
			fputs("'\\''", out);
		else if (extra && strchr(extra, *c))
			fprintf(out, "\\%c", *c);
		else
			fputc(*c, out);
	}
}

/* ---- bash ---- */

static void bash_helpers(FILE *out)
{
	fprintf(out,
		"_liqo_scenario_profiles()\n"
		"{\n"
		"\tlocal i dir= cmd=${COMP_WORDS[0]}\n"
		"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
		"\t\tcase ${COMP_WORDS[i]} in\n"
		"\t\t--%s=*) dir=${COMP_WORDS[i]#*=} ;;\n"
		"\t\t--%s)\n"
		"\t\t\tdir=${COMP_WORDS[i+1]}\n"
		"\t\t\t[[ $dir == = ]] && dir=${COMP_WORDS[i+2]} ;;\n"
		"\t\tesac\n"
		"\tdone\n"
		"\t[[ $dir == '~/'* ]] && dir=$HOME/${dir#'~/'}\n"
		"\t[[ $cmd == '~/'* ]] && cmd=$HOME/${cmd#'~/'}\n"
		"\t\"$cmd\" --list-profiles ${dir:+--%s \"$dir\"} 2>/dev/null | grep -v '^[[:space:]]'\n"
		"}\n\n"
		"_liqo_scenario_files()\n"
		"{\n"
		"\tcompopt -o filenames 2>/dev/null\n"
		"\tmapfile -t COMPREPLY < <(compgen \"$1\" -- \"$2\")\n"
		"}\n\n",
		profile_dir_option, profile_dir_option, profile_dir_option);
}

static void bash_value_action(FILE *out, const struct option_spec *spec)
{
	switch (spec->values) {
	case VALUES_CHOICES:
		fputs("COMPREPLY=($(compgen -W '", out);
		put_quoted(out, spec->choices ? spec->choices : "", NULL);
		fputs("' -- \"$cur\"))", out);
		return;
	case VALUES_FILE:
		fputs("_liqo_scenario_files -f \"$cur\"", out);
		return;
	case VALUES_DIR:
		fputs("_liqo_scenario_files -d \"$cur\"", out);
		return;
	case VALUES_PROFILE:
		fputs("COMPREPLY=($(compgen -W \"$(_liqo_scenario_profiles)\" -- \"$cur\"))", out);
		return;
	case VALUES_FREE:
		fputs("COMPREPLY=()", out);
		return;
	}
}

static void bash_value_cases(FILE *out)
{
	for (size_t i = 0; i < option_spec_count; i++) {
		const struct option_spec *spec = &option_specs[i];
		if (!takes_value(spec))
			continue;
		const char *alias = alias_of(spec);
		fprintf(out, "\t--%s%s%s) ", spec->name, alias ? "|" : "", alias ? alias : "");
		bash_value_action(out, spec);
		fputs(" ;;\n", out);
	}
}

static void bash_flag_words(FILE *out)
{
	for (size_t i = 0; i < option_spec_count; i++)
		fprintf(out, "%s--%s", i ? " " : "", option_specs[i].name);
	for (size_t i = 0; i < option_alias_count; i++)
		fprintf(out, " %s", option_aliases[i].alias);
}

/* Bash splits `--flag=value` at the `=` (COMP_WORDBREAKS), so the option is
 * one or two words back; where `=` is not a break, the value is cut from the
 * word and its `--flag=` put back in front of each answer. */
static void bash_main(FILE *out)
{
	fputs("_liqo_scenario()\n"
	      "{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} option= prefix= i\n"
	      "\t((COMP_CWORD > 0)) && option=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tif [[ $cur == = && $option == --* ]]; then\n"
	      "\t\tcur=\n"
	      "\telif [[ $option == = ]] && ((COMP_CWORD > 1)); then\n"
	      "\t\toption=${COMP_WORDS[COMP_CWORD-2]}\n"
	      "\telif [[ $cur == --*=* ]]; then\n"
	      "\t\toption=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}\n"
	      "\tfi\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\t[[ ${COMP_WORDS[i]} == -- ]] && option=--\n"
	      "\tdone\n"
	      "\tcase $option in\n", out);
	bash_value_cases(out);
	fputs("\t--) _liqo_scenario_files -f \"$cur\" ;;\n"
	      "\t*)\n"
	      "\t\tif [[ $cur == -* ]]; then\n"
	      "\t\t\tCOMPREPLY=($(compgen -W '", out);
	bash_flag_words(out);
	fputs("' -- \"$cur\"))\n"
	      "\t\telse\n"
	      "\t\t\t_liqo_scenario_files -f \"$cur\"\n"
	      "\t\tfi ;;\n"
	      "\tesac\n"
	      "\t[[ -n $prefix ]] && COMPREPLY=(\"${COMPREPLY[@]/#/$prefix}\")\n"
	      "\treturn 0\n"
	      "}\n\n"
	      "complete -F _liqo_scenario liqo-scenario\n", out);
}

static void write_bash(FILE *out)
{
	fputs("# bash completion for liqo-scenario, written by `liqo-scenario --completion bash`\n"
	      "# from the option table that --help prints.\n\n", out);
	bash_helpers(out);
	bash_main(out);
}

/* ---- zsh ---- */

static void zsh_helpers(FILE *out)
{
	fprintf(out,
		"_liqo_scenario_profiles() {\n"
		"  local -a dir names expl\n"
		"  local i cmd=$words[1]\n"
		"  for (( i = 2; i < CURRENT; i++ )); do\n"
		"    case $words[i] in\n"
		"      (--%s=*) dir=(--%s \"${words[i]#*=}\") ;;\n"
		"      (--%s) dir=(--%s \"$words[i+1]\") ;;\n"
		"    esac\n"
		"  done\n"
		"  [[ $dir[2] == '~/'* ]] && dir[2]=$HOME/${dir[2]#'~/'}\n"
		"  [[ $cmd == '~/'* ]] && cmd=$HOME/${cmd#'~/'}\n"
		"  names=(${(f)\"$(\"$cmd\" --list-profiles $dir 2>/dev/null)\"})\n"
		"  names=(${names:#[[:space:]]*})\n"
		"  _wanted profiles expl 'profile' compadd -a names\n"
		"}\n\n",
		profile_dir_option, profile_dir_option, profile_dir_option, profile_dir_option);
}

static void zsh_value_action(FILE *out, const struct option_spec *spec)
{
	fputc(':', out);
	put_quoted(out, spec->arg ? spec->arg : "value", ":");
	fputc(':', out);
	switch (spec->values) {
	case VALUES_CHOICES:
		fputc('(', out);
		put_quoted(out, spec->choices ? spec->choices : "", NULL);
		fputc(')', out);
		return;
	case VALUES_FILE:
		fputs("_files", out);
		return;
	case VALUES_DIR:
		fputs("_files -/", out);
		return;
	case VALUES_PROFILE:
		fputs("_liqo_scenario_profiles", out);
		return;
	case VALUES_FREE:
		fputc(' ', out);
		return;
	}
}

/* One _arguments spec: `--name=[help]:ARG:action`, and with a short alias
 * `(-o --name)'{-o,--name=}'[help]...` so that either spelling excludes the other. */
static void zsh_spec(FILE *out, const struct option_spec *spec)
{
	const char *alias = alias_of(spec);
	const char *equals = takes_value(spec) ? "=" : "";
	if (alias)
		fprintf(out, "    '(%s --%s)'{%s,--%s%s}'[", alias, spec->name, alias, spec->name, equals);
	else
		fprintf(out, "    '--%s%s[", spec->name, equals);
	put_quoted(out, spec->help, "[]\\");
	fputc(']', out);
	if (takes_value(spec))
		zsh_value_action(out, spec);
	fputs("' \\\n", out);
}

static void write_zsh(FILE *out)
{
	fputs("#compdef liqo-scenario\n"
	      "# zsh completion for liqo-scenario, written by `liqo-scenario --completion zsh`\n"
	      "# from the option table that --help prints.\n\n", out);
	zsh_helpers(out);
	fputs("_liqo-scenario() {\n  _arguments -s -S \\\n", out);
	for (size_t i = 0; i < option_spec_count; i++)
		zsh_spec(out, &option_specs[i]);
	fputs("    '*:input file:_files'\n}\n\n"
	      "if [[ $funcstack[1] == _liqo-scenario ]]; then\n"
	      "  _liqo-scenario \"$@\"\n"
	      "else\n"
	      "  compdef _liqo-scenario liqo-scenario\n"
	      "fi\n", out);
}

/* ---- fish ---- */

/* Inside fish's single quotes only the quote and the backslash are special. */
static void fish_quoted(FILE *out, const char *text)
{
	fputc('\'', out);
	for (const char *c = text; *c; c++) {
		if (*c == '\'' || *c == '\\')
			fputc('\\', out);
		fputc(*c, out);
	}
	fputc('\'', out);
}

static void fish_helpers(FILE *out)
{
	fprintf(out,
		"function __liqo_scenario_profiles\n"
		"    set -l words (commandline -opc)\n"
		"    set -l dir\n"
		"    for i in (seq 2 (count $words))\n"
		"        switch $words[$i]\n"
		"            case '--%s=*'\n"
		"                set dir --%s (string replace -- '--%s=' '' $words[$i])\n"
		"            case --%s\n"
		"                if test $i -lt (count $words)\n"
		"                    set dir --%s $words[(math $i + 1)]\n"
		"                end\n"
		"        end\n"
		"    end\n"
		"    set dir (string replace -r '^~/' \"$HOME/\" -- $dir)\n"
		"    set -l cmd (string replace -r '^~/' \"$HOME/\" -- $words[1])\n"
		"    $cmd --list-profiles $dir 2>/dev/null | string match -rv '^\\s'\n"
		"end\n\n",
		profile_dir_option, profile_dir_option, profile_dir_option, profile_dir_option,
		profile_dir_option);
}

static void fish_value_action(FILE *out, const struct option_spec *spec)
{
	switch (spec->values) {
	case VALUES_CHOICES:
		fputs(" -x -a ", out);
		fish_quoted(out, spec->choices ? spec->choices : "");
		return;
	case VALUES_FILE:
		fputs(" -r -F", out);
		return;
	case VALUES_DIR:
		fputs(" -x -a '(__fish_complete_directories (commandline -ct) \"\")'", out);
		return;
	case VALUES_PROFILE:
		fputs(" -x -a '(__liqo_scenario_profiles)'", out);
		return;
	case VALUES_FREE:
		fputs(" -x", out);
		return;
	}
}

static void write_fish(FILE *out)
{
	fputs("# fish completion for liqo-scenario, written by `liqo-scenario --completion fish`\n"
	      "# from the option table that --help prints.\n\n", out);
	fish_helpers(out);
	for (size_t i = 0; i < option_spec_count; i++) {
		const struct option_spec *spec = &option_specs[i];
		const char *alias = alias_of(spec);
		fputs("complete -c liqo-scenario", out);
		if (alias)
			fprintf(out, " -s %s", alias + 1);
		fprintf(out, " -l %s", spec->name);
		if (takes_value(spec))
			fish_value_action(out, spec);
		fputs(" -d ", out);
		fish_quoted(out, spec->help);
		fputc('\n', out);
	}
}

static const struct {
	const char *name;
	void (*write)(FILE *out);
} shells[] = {
	{"bash", write_bash},
	{"zsh", write_zsh},
	{"fish", write_fish},
};

int completion_write(const char *shell, FILE *out, struct ls_error *err)
{
	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++) {
		if (strcmp(shells[i].name, shell) == 0) {
			shells[i].write(out);
			return 0;
		}
	}
	return err_set(err, LS_EXIT_USAGE, "--completion: no completion for '%s' (bash, zsh or fish)", shell);
}
