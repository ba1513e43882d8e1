// @ts-check
import { Converter, ReflectionKind } from 'typedoc';

/**
 * A TypeDoc plugin naming each entry point's module for the package a user imports
 * (`@ag/core`, `@ag/core/node`, `@ag/backend-cpu`) instead of its folder (`core/src`).
 * @param {import('typedoc').Application} app
 */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      module.name = module.name.replace(/^([^/]+)\/src(\/.*)?$/, '@ag/$1$2');
    }
  });
}
