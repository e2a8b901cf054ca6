"""Settings chosen without the actor they are scored on (nested leave-one-actor-out choice)."""


def nested_choice(actors, settings, run, figures, best):
    """For each actor, the setting that `best` picks on the other actors' rows scores that actor's rows.

    run(setting, actor) gives an actor's report rows under a setting; figures(rows) their figures; best(list of
    figures, one per setting) the index of the setting to take. Returns (the pooled rows of those choices,
    {actor: setting chosen for it}, the setting chosen on every actor, its figures).
    """
    rows = {(index, actor): run(setting, actor) for index, setting in enumerate(settings) for actor in actors}

    def choose(chosen_from):
        scored = [figures([row for actor in chosen_from for row in rows[index, actor]])
                  for index in range(len(settings))]
        index = best(scored)
        return index, scored[index]
    pooled, chosen = [], {}
    for actor in sorted(actors):
        index, _ = choose([other for other in actors if other != actor])
        chosen[actor] = settings[index]
        pooled += rows[index, actor]
    index, every_actor = choose(list(actors))
    return pooled, chosen, settings[index], every_actor
