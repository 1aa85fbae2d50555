// The app shell: picks the view for the current path.
import { useRoute } from './router/use-route.ts';
import { PublicMapView } from './views/public-map-view.tsx';
import { StaffView } from './views/staff-view.tsx';
import { NotFoundView } from './views/not-found-view.tsx';

export function App() {
  const route = useRoute();
  switch (route) {
    case 'public':
      return <PublicMapView />;
    case 'wall':
    case 'leader':
    case 'ops':
      // Keyed so moving between staff views mounts a fresh map (and a fresh map-ready signal).
      return <StaffView key={route} view={route} />;
    case 'not-found':
      return <NotFoundView />;
  }
}
