# pupil-cloud.bash: bash completion for pupil-cloud(1)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Commands, verbs and flags from this file; token ids and invitation tokens
# from the server, through `pupil-cloud __complete`, which gives up quietly
# within a second when offline or signed out.

_pupil_cloud()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd='' verb='' i w
    local -a global=()
    local commands='login register reset-password logout status profile tokens invites feedback-token unregister api print-token help'

    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
            --server|-s|--workspace|-w)
                [[ -z $cmd ]] && global+=("$w" "${COMP_WORDS[i+1]}")
                ((i++)); continue ;;
            --server=*|--workspace=*) [[ -z $cmd ]] && global+=("$w"); continue ;;
            --timeout|-X|--method|-f|--field|-F|--typed-field|--input|-H|--header|--jq|-q|--name|--photo-url|\
            --product-updates|--email|--idp-url|--idp-key|--confirm) ((i++)); continue ;;
            -*) continue ;;
        esac
        if [[ -z $cmd ]]; then cmd=$w; elif [[ -z $verb ]]; then verb=$w; fi
    done

    case $prev in
        --server|-s) COMPREPLY=($(compgen -W 'https://api.cloud.pupil-labs.com/v2 https://api.cloud.pupil-labs.dev/v2' -- "$cur")); return ;;
        -X|--method) COMPREPLY=($(compgen -W 'GET POST PUT PATCH DELETE HEAD' -- "$cur")); return ;;
        --input) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --product-updates) COMPREPLY=($(compgen -W 'on off' -- "$cur")); return ;;
        --workspace|-w|--timeout|-f|--field|-F|--typed-field|-H|--header|--jq|-q|--name|--photo-url|--email|\
        --idp-url|--idp-key|--confirm) return ;;
    esac

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--server --workspace --json --timeout --version --help' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    local words=''
    case $cmd in
        login) words='--with-token --email --idp-url --idp-key' ;;
        register) words='--email --product-updates --idp-url --idp-key' ;;
        reset-password) words='--email --idp-url --idp-key' ;;
        profile) [[ -z $verb ]] && words='show set' || { [[ $verb == set ]] && words='--name --photo-url --product-updates'; } ;;
        tokens)
            if [[ -z $verb ]]; then words='list show create rename delete'
            elif [[ $verb == show || $verb == delete || $verb == rename ]] && [[ $cur != -* ]] &&
                 [[ ${COMP_WORDS[COMP_CWORD-1]} == "$verb" ]]; then
                words=$(pupil-cloud "${global[@]}" __complete tokens 2>/dev/null)
            fi ;;
        invites)
            if [[ -z $verb ]]; then words='list show accept decline'
            elif [[ $verb == show || $verb == accept || $verb == decline ]] && [[ $cur != -* ]]; then
                words=$(pupil-cloud "${global[@]}" __complete invites 2>/dev/null)
            fi ;;
        unregister) words='--confirm' ;;
        api) words='--method --field --typed-field --input --header --include --jq --silent' ;;
        print-token) words='--force' ;;
        help) [[ -z $verb ]] && words=$commands ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _pupil_cloud pupil-cloud
