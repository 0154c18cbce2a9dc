"""Distances on the earth: great-circle (haversine) kilometres between centroids and anchors."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["EARTH_RADIUS_KM", "distance_km"]

EARTH_RADIUS_KM = 6371.0088  # mean earth radius (IUGG)


def distance_km(
    latitude: float | npt.ArrayLike,
    longitude: float | npt.ArrayLike,
    latitudes: npt.ArrayLike,
    longitudes: npt.ArrayLike,
) -> npt.NDArray[np.float64]:
    """Great-circle distance in km from one point (or points, broadcast) to ``latitudes/longitudes``.

    The haversine formula on a sphere: within 0.5 % of the ellipsoid distance, far below what a
    municipality centroid stands for (the hard criterion compares a centroid with 50 km).
    """
    lat1 = np.radians(np.asarray(latitude, dtype=np.float64))
    lon1 = np.radians(np.asarray(longitude, dtype=np.float64))
    lat2 = np.radians(np.asarray(latitudes, dtype=np.float64))
    lon2 = np.radians(np.asarray(longitudes, dtype=np.float64))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    result: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return result
