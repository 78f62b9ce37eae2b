# Completes one command line in an interactive zsh run on a pseudo-terminal,
# with the completion function found through fpath as an installed one is,
# and prints the matches the completion system was given, one a line.
# Usage: zsh zsh-complete.zsh FOLDER-HOLDING-_liqo-scenario 'command line'
zmodload zsh/zpty
functions_dir=$1 line=$2
zpty shell zsh -f -i
zpty -w shell "PS1='' PROMPT_EOL_MARK=''; fpath=(${(q)functions_dir} \$fpath); autoload -Uz compinit; compinit -u -D"
# Every match offered passes through compadd: echo it, marked, then add it.
zpty -w shell 'compadd() { local -a hits; builtin compadd -A hits "$@"; print -r -l -- ${^hits/#/MATCH:} >/dev/tty; builtin compadd "$@"; }'
output=
wait_for() {
  SECONDS=0
  while (( SECONDS < 20 )); do
    zpty -rt shell chunk && output+=$chunk || sleep 0.02
    [[ $output == *$1$'\r'* ]] && return 0
  done
  print -u2 "zsh-complete: no '$1' from the shell"
  return 1
}
# Keys typed before the line editor starts are dropped: wait for it.
zpty -w shell "print -r -- READY''-FOR-INPUT"
wait_for READY-FOR-INPUT || exit 2
output=
zpty -w shell "$line"$'\t\C-u'"print -r -- END''-OF-MATCHES"
wait_for END-OF-MATCHES || exit 2
zpty -d shell
print -r -- "$output" | grep -oE 'MATCH:[^[:cntrl:] ]+' | sed 's/^MATCH://'
