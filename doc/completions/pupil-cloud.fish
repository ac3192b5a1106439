# pupil-cloud.fish: fish completion for pupil-cloud(1)
# SPDX-License-Identifier: GPL-3.0-or-later

set -l commands login register reset-password logout status profile tokens invites feedback-token unregister api print-token help

function __pupil_cloud_remote
    pupil-cloud __complete $argv[1] 2>/dev/null
end

complete -c pupil-cloud -f
complete -c pupil-cloud -n "not __fish_seen_subcommand_from $commands" -s s -l server -r -d 'The API address'
complete -c pupil-cloud -n "not __fish_seen_subcommand_from $commands" -s w -l workspace -r -d 'The workspace to act in'
complete -c pupil-cloud -n "not __fish_seen_subcommand_from $commands" -l json -d 'Print results as JSON'
complete -c pupil-cloud -n "not __fish_seen_subcommand_from $commands" -l timeout -r -d 'Seconds to wait'
complete -c pupil-cloud -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c pupil-cloud -n "not __fish_seen_subcommand_from $commands" -a "$commands"

complete -c pupil-cloud -n '__fish_seen_subcommand_from login' -l with-token -d 'API token from standard input'
complete -c pupil-cloud -n '__fish_seen_subcommand_from login' -l email -r -d 'Sign in with email'
complete -c pupil-cloud -n '__fish_seen_subcommand_from login' -l idp-url -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from login' -l idp-key -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from register reset-password' -l email -r -d 'Email address'
complete -c pupil-cloud -n '__fish_seen_subcommand_from register' -l product-updates -r -f -a 'on off' -d 'News by email'
complete -c pupil-cloud -n '__fish_seen_subcommand_from register reset-password' -l idp-url -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from register reset-password' -l idp-key -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from profile; and not __fish_seen_subcommand_from show set' -a 'show set'
complete -c pupil-cloud -n '__fish_seen_subcommand_from set' -l name -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from set' -l photo-url -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from set' -l product-updates -x -a 'on off'
complete -c pupil-cloud -n '__fish_seen_subcommand_from tokens; and not __fish_seen_subcommand_from list show create rename delete' -a 'list show create rename delete'
complete -c pupil-cloud -n '__fish_seen_subcommand_from tokens; and __fish_seen_subcommand_from show delete rename' -a '(__pupil_cloud_remote tokens)'
complete -c pupil-cloud -n '__fish_seen_subcommand_from invites; and not __fish_seen_subcommand_from list show accept decline' -a 'list show accept decline'
complete -c pupil-cloud -n '__fish_seen_subcommand_from invites; and __fish_seen_subcommand_from show accept decline' -a '(__pupil_cloud_remote invites)'
complete -c pupil-cloud -n '__fish_seen_subcommand_from unregister' -l confirm -r
complete -c pupil-cloud -n '__fish_seen_subcommand_from print-token' -l force -d 'Print even to a terminal'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -s X -l method -x -a 'GET POST PUT PATCH DELETE HEAD'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -s f -l field -r -d 'String field'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -s F -l typed-field -r -d 'Typed field'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -l input -r -F -d 'Body from a file'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -s H -l header -r -d 'Request header'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -s i -l include -d 'Print status and headers'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -s q -l jq -r -d 'jq filter'
complete -c pupil-cloud -n '__fish_seen_subcommand_from api' -l silent -d 'Print nothing'
complete -c pupil-cloud -n '__fish_seen_subcommand_from help' -a "$commands"
