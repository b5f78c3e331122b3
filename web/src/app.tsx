import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { Layout } from "./components/layout.js";
import { defineMessages, useT } from "./i18n/index.js";
import { EpisodeLayout } from "./pages/episode/episode-layout.js";
import LibraryPage from "./pages/library/library-page.js";

// Every page but the library loads on demand: the first view stays small, and the mind-map editor
// and charts (large) load only where they are used.
const ListenPage = lazy(() => import("./pages/listen/listen-page.js"));
const ConceptsPage = lazy(() => import("./pages/concepts/concepts-page.js"));
const ConceptPage = lazy(() => import("./pages/concepts/concept-page.js"));
const ClashesPage = lazy(() => import("./pages/clashes/clashes-page.js"));
const MapPage = lazy(() => import("./pages/map/map-page.js"));
const ProgressPage = lazy(() => import("./pages/progress/progress-page.js"));
const ReviewPage = lazy(() => import("./pages/review/review-page.js"));
const SettingsPage = lazy(() => import("./pages/settings/settings-page.js"));

const messages = defineMessages({
  en: { loading: "Loading…", notFound: "There is no page at this address.", home: "Go to the library" },
  "zh-CN": { loading: "正在载入…", notFound: "这个地址没有页面。", home: "回到资料库" },
});

/**
 * The addresses of the app. Every page has one that survives a reload:
 * /, /episodes/<id>, /episodes/<id>/concepts[/<conceptId>], /episodes/<id>/clashes,
 * /episodes/<id>/map, /episodes/<id>/progress, /review, /settings.
 */
export function App() {
  const t = useT(messages);
  return (
    <Layout>
      <Suspense fallback={<p className="loading">{t("loading")}</p>}>
        <Switch>
          <Route path="/" component={LibraryPage} />
          <Route path="/review" component={ReviewPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/episodes/:id" nest>
            {(params: { id: string }) => (
              <EpisodeLayout id={params.id}>
                <Suspense fallback={<p className="loading">{t("loading")}</p>}>
                  <Switch>
                    <Route path="/" component={ListenPage} />
                    <Route path="/concepts" component={ConceptsPage} />
                    <Route path="/concepts/:conceptId" component={ConceptPage} />
                    <Route path="/clashes" component={ClashesPage} />
                    <Route path="/map" component={MapPage} />
                    <Route path="/progress" component={ProgressPage} />
                    <Route>
                      <NotFound />
                    </Route>
                  </Switch>
                </Suspense>
              </EpisodeLayout>
            )}
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Suspense>
    </Layout>
  );
}

function NotFound() {
  const t = useT(messages);
  return (
    <section className="page">
      <p>{t("notFound")}</p>
      <a href="/">{t("home")}</a>
    </section>
  );
}
