import {
  all,
  commaList,
  defined,
  type FlatParams,
  filters,
  numeric,
} from "../journeys/query-params.ts";

/**
 * Flat parameters (query string, CLI flags) of the channel-consistency analyses. `task`
 * repeats; a value without ':' may list several task names separated by commas (a value with
 * ':' is one task definition in the DESIGN notation).
 */
function tasks(params: FlatParams): string[] | undefined {
  const items = all(params.task ?? params.tasks).flatMap((item) =>
    item.includes(":") ? [item] : commaList(item),
  );
  return items.length > 0 ? items : undefined;
}

const list = (params: FlatParams, key: string) => {
  const items = commaList(params[key]);
  return items.length > 0 ? items : undefined;
};

export const tasksInput = (params: FlatParams) =>
  defined({ ...filters(params), tasks: tasks(params) });

export const gapsInput = (params: FlatParams) =>
  defined({
    ...filters(params),
    tasks: tasks(params),
    alpha: numeric(params, "alpha"),
    minSample: numeric(params, "minSample"),
    rootCauses: numeric(params, "rootCauses"),
    dimensions: list(params, "dimension") ?? list(params, "dimensions"),
  });

export const continuityInput = (params: FlatParams) =>
  defined({
    ...filters(params),
    tasks: tasks(params),
    windowMinutes: numeric(params, "windowMinutes"),
    ignoreChannels: list(params, "ignoreChannel") ?? list(params, "ignoreChannels"),
    top: numeric(params, "top"),
  });
