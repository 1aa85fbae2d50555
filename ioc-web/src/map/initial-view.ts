// Where every map view opens: central Hà Nội.

export const INITIAL_VIEW = Object.freeze({ longitude: 105.85, latitude: 21.03, zoom: 11 });
